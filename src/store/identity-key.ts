import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/** A custody record the key given cannot open: another key sealed it, or it was altered. */
export class CustodyLocked extends Error {
  constructor(petitionId: number) {
    super(
      `the identity of petition ${petitionId} cannot be opened with this IDENTITY_KEY (sealed under another key, or altered)`,
    );
    this.name = 'CustodyLocked';
  }
}

const sealFormat = 'v1';

/**
 * R6: the key identities are kept in custody under, held outside the database (IDENTITY_KEY).
 * Two keys are derived from it: one seals (AES-256-GCM, bound to the case it belongs to), one
 * hashes (HMAC-SHA256), so "is this the same person" can be answered without opening anything.
 */
export class IdentityKey {
  private readonly sealing: Buffer;
  private readonly hashing: Buffer;

  constructor(secret: string) {
    const derive = (purpose: string) =>
      Buffer.from(hkdfSync('sha256', secret, 'petition-bot custody', purpose, 32));
    this.sealing = derive('seal');
    this.hashing = derive('hash');
  }

  seal(petitionId: number, plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.sealing, iv);
    cipher.setAAD(Buffer.from(`custody:${petitionId}`));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const sealed = Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    return `${sealFormat}.${sealed}`;
  }

  open(petitionId: number, sealed: string): string {
    const [format, data] = sealed.split('.');
    if (format !== sealFormat || !data) throw new CustodyLocked(petitionId);
    const raw = Buffer.from(data, 'base64url');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.sealing, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(`custody:${petitionId}`));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      throw new CustodyLocked(petitionId);
    }
  }

  /**
   * A person as one kind of case knows them. The kind is hashed in, so a person's anonymous
   * cases never share a hash with their confidential ones (nor, having none, with named ones).
   */
  hash(kind: string, personId: number): string {
    return createHmac('sha256', this.hashing).update(`${kind}:${personId}`).digest('hex');
  }

  matches(stored: string | null, kind: string, personId: number): boolean {
    if (stored === null) return false;
    const got = Buffer.from(stored);
    const wanted = Buffer.from(this.hash(kind, personId));
    return got.length === wanted.length && timingSafeEqual(got, wanted);
  }
}
