/** What a registry login is made of, shared by Docker's config, credential helpers and auth. */
export interface Credentials {
  username?: string;
  password?: string;
  /** an OAuth2 refresh token from `docker login` to an identity provider */
  identityToken?: string;
  /** where they came from, for messages (never the secret itself) */
  source: string;
}
