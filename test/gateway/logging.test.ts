import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { BssError } from '../../src/bss/errors.js';
import { createLogger } from '../../src/logger.js';

describe('gateway log lines', () => {
  it('write upstream errors without a stack trace, with what identifies the call', () => {
    const lines: string[] = [];
    const log = createLogger('warn', (line) => lines.push(line));
    const upstream = new BssError({ kind: 'upstream', operation: 'ListSubCustomers', code: 'CBC.0999', message: 'System error.', httpStatus: 500, requestId: 'a'.repeat(32), attempts: 3 });
    log.error(new GraphQLError('wrapped', { originalError: upstream }));
    log.error(new TypeError('boom'));
    log.info('not shown below warn');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/ ERROR BssError ListSubCustomers CBC\.0999 status=500 requestId=a{32} attempts=3$/);
    expect(lines[1]).toMatch(/ ERROR TypeError: boom$/);
    expect(lines.join('\n')).not.toMatch(/\n\s+at /);
  });
});
