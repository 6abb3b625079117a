/** What `loadConfig` refuses in an environment: its problems, or none when it loads. For the config tests. */
import { ConfigError, loadConfig } from '../../src/config.js';

export function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
