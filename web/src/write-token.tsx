/**
 * The write token of this tab: asked for before anything is written (never after), kept in
 * sessionStorage like a read token, and asked for again, with the server's reason, when refused.
 */
import { useState } from 'react';
import { forgetToken, saveToken, storedToken } from './token';

export function WriteToken({ refused, onChange }: { refused?: string | undefined; onChange(): void }) {
  const [draft, setDraft] = useState('');
  const has = storedToken() !== null;
  if (has && !refused)
    return (
      <p className="kind" data-testid="write-token-set">
        A token is kept for this tab (it is sent with each write).{' '}
        <button
          type="button"
          className="small"
          onClick={() => {
            forgetToken();
            onChange();
          }}
        >
          Forget it
        </button>
      </p>
    );
  return (
    <form
      className="token-form inline"
      data-testid="write-token"
      onSubmit={(e) => {
        e.preventDefault();
        if (!draft.trim()) return;
        saveToken(draft);
        setDraft('');
        onChange();
      }}
    >
      <p className="sub" role={refused ? 'alert' : undefined}>
        {refused ? `The server refused the token: ${refused}.` : 'Writing needs a token with scope write.'}{' '}
        Create one with <code>cleanroom token create --scope write</code>; it is kept for this tab only.
      </p>
      <label>
        Write token
        <input
          name="write-token"
          type="password"
          autoComplete="off"
          placeholder="crt_…"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
      </label>
      <button type="submit">Use write token</button>
    </form>
  );
}
