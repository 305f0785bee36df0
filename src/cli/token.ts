import { type Command } from '@commander-js/extra-typings';
import type { HistoryStore } from '../history/store/open.js';
import type { CliCommand } from './cli-command.js';
import { storeOption } from './history-options.js';

/** `cleanroom token create|list|revoke`: API tokens, kept in the history store as hashes. */
export const tokenCommand: CliCommand = {
  register(program: Command) {
    const token = program
      .command('token')
      .description('API tokens for cleanroom serve (stored only as hashes)');
    const withStore = async <T>(url: string, fn: (s: HistoryStore) => Promise<T>) => {
      const { withHistoryStore } = await import('../history/store/open.js');
      return withHistoryStore(url, {}, fn);
    };
    token
      .command('create')
      .description('create a token and print it once (it cannot be shown again)')
      .requiredOption('--scope <scope>', 'read, write or admin')
      .option('--name <name>', 'what the token is for', '')
      .addOption(storeOption())
      .action(async (opts) => {
        const { createToken, TOKEN_SCOPES } = await import('../history/store/queries-tokens.js');
        const { InputError } = await import('../errors.js');
        const scope = opts.scope as (typeof TOKEN_SCOPES)[number];
        if (!TOKEN_SCOPES.includes(scope))
          throw new InputError(`--scope: "${opts.scope}" is not one of ${TOKEN_SCOPES.join(', ')}`);
        const created = await withStore(opts.store, (s) => createToken(s, scope, opts.name));
        process.stderr.write(`token ${created.id} (${scope}) created; it is shown only now:\n`);
        process.stdout.write(`${created.token}\n`);
      });
    token
      .command('list')
      .description('list the tokens (never their values)')
      .addOption(storeOption())
      .action(async (opts) => {
        const { listTokens } = await import('../history/store/queries-tokens.js');
        for (const t of await withStore(opts.store, listTokens))
          process.stdout.write(
            `${t.id}\t${t.scope}\t${t.createdAt}\t${t.revokedAt ? `revoked ${t.revokedAt}` : 'active'}\t${t.name}\n`,
          );
      });
    token
      .command('revoke')
      .description('revoke a token: it stops working at once, on every server of the store')
      .argument('<id>', 'the id token list shows')
      .addOption(storeOption())
      .action(async (id, opts) => {
        const { revokeToken } = await import('../history/store/queries-tokens.js');
        await withStore(opts.store, (s) => revokeToken(s, id));
        process.stderr.write(`token ${id} revoked\n`);
      });
  },
};
