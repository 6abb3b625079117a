/**
 * `X-Language`: `zh_CN` (default) or `en_US`, matched case-insensitively (some Huawei docs spell them
 * `zh_cn` / `en_us`), a `-` taken as `_`. Anything else falls back to the default rather than failing,
 * as the header is optional and only localises names (inferred).
 */
import type { Language } from './dataset/reference.js';

export function normaliseLanguage(header: string | undefined): Language {
  const value = header?.trim().toLowerCase().replace('-', '_');
  return value === 'en_us' ? 'en_US' : 'zh_CN';
}
