import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { generateSecretToken } from './tokens.ts';

/**
 * The admin token comes from TRIBUTARY_ADMIN_TOKEN, or else from DATA_DIR/admin-token, created on first
 * start. The signing secret for scoped tokens lives in DATA_DIR (or comes from TRIBUTARY_TOKEN_SECRET), so
 * that changing the admin token does not invalidate every link handed out to participants.
 */
export function loadSecrets(dataDir: string, adminTokenFromEnv: string | undefined, signingSecretFromEnv?: string): {
  adminToken: string;
  adminTokenGenerated: boolean;
  signingSecret: Buffer;
} {
  mkdirSync(dataDir, { recursive: true });
  // Several instances sign and check each other's tokens, so they take the secret from the environment.
  const signingSecret = signingSecretFromEnv
    ? Buffer.from(signingSecretFromEnv, 'utf8')
    : Buffer.from(readOrCreate(join(dataDir, 'token-secret'), () => randomBytes(32).toString('hex')).value, 'hex');
  if (adminTokenFromEnv) return { adminToken: adminTokenFromEnv, adminTokenGenerated: false, signingSecret };
  const { value, created } = readOrCreate(join(dataDir, 'admin-token'), generateSecretToken);
  return { adminToken: value, adminTokenGenerated: created, signingSecret };
}

function readOrCreate(path: string, create: () => string): { value: string; created: boolean } {
  if (existsSync(path)) return { value: readFileSync(path, 'utf8').trim(), created: false };
  const value = create();
  writeFileSync(path, `${value}\n`, { mode: 0o600 });
  return { value, created: true };
}
