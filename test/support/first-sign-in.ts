/** One JSON POST to the API, however the caller reaches it (supertest, fetch, a child process). */
export type PostJson = (
  path: string,
  token: string | null,
  body: object,
) => Promise<{ status: number; body: unknown }>;

interface SignedIn {
  accessToken: string;
  user?: { mustChangePassword?: boolean };
}

/**
 * Signing in as a person would: an account still on its temporary password first chooses its
 * own (the API refuses everything else until then), and the chosen password is remembered for
 * the next sign-in. Shared by the e2e harness, the crash test and the benchmarks.
 */
export class FirstSignIn {
  /** per account: the temporary password and the one chosen to replace it */
  private readonly changed = new Map<string, { from: string; to: string }>();

  constructor(private readonly post: PostJson) {}

  /** The password chosen at first sign-in, if this account has made that change here. */
  chosen(username: string): string | undefined {
    return this.changed.get(username)?.to;
  }

  /** Signs in with `password` (its temporary one stands for the chosen one); returns the token. */
  async login(username: string, password: string): Promise<string> {
    const earlier = this.changed.get(username);
    const current = earlier && password === earlier.from ? earlier.to : password;
    const first = await this.signIn(username, current);
    if (!first.user?.mustChangePassword) return first.accessToken;
    const own = `${current}-doi-moi`;
    const res = await this.post('/api/auth/password', first.accessToken, {
      currentPassword: current,
      newPassword: own,
    });
    if (res.status !== 204)
      throw new Error(`password change ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    this.changed.set(username, { from: current, to: own });
    return (await this.signIn(username, own)).accessToken;
  }

  private async signIn(username: string, password: string): Promise<SignedIn> {
    const res = await this.post('/api/auth/login', null, { username, password });
    if (res.status !== 200)
      throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as SignedIn;
  }
}
