/**
 * Whose key it is: a project API key's `owner` is a user (with an e-mail) or a service account
 * (with a name), per the ProjectApiKey schema (docs/facts.md §1). The e-mail names a person
 * unambiguously where two people share a display name, so it comes first for users.
 */
export interface KeyOwner {
  /** "user" or "service_account"; another value is kept as given. */
  type: string;
  id: string | null;
  name: string | null;
  /** A user's e-mail; null for a service account, or when the API did not give it. */
  email: string | null;
}

/** "ada@example.com", "service account “Deploy bot”", or null when the listing named nobody. */
export function keyOwnerLabel(owner: Pick<KeyOwner, 'type' | 'name'> & { email?: string | null }): string | null {
  if (owner.type === 'service_account') return owner.name ? `service account “${owner.name}”` : 'a service account';
  return owner.email ?? owner.name ?? null;
}
