/**
 * The API token of a private server (`cleanroom serve --private`): asked for once when the API
 * answers 401, kept for this browser tab only (sessionStorage), sent as a Bearer header.
 */
const KEY = 'cleanroom-token';

export function storedToken(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function saveToken(token: string): void {
  sessionStorage.setItem(KEY, token.trim());
}

export function forgetToken(): void {
  sessionStorage.removeItem(KEY);
}

/** An error answer of the API, with its HTTP status. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}
