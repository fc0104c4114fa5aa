import argon2 from 'argon2';

/** argon2id with a configurable memory cost (ARGON2_MEMORY_KIB); 2 passes, 1 lane. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** True when the hash was made with other parameters and should be replaced at login. */
  needsRehash(hash: string): boolean;
  /** Spends the time of a verification, so an unknown email answers as slowly as a known one. */
  burn(password: string): Promise<void>;
}

export function createPasswordHasher(memoryKib: number): PasswordHasher {
  const options = {
    type: argon2.argon2id as 2,
    memoryCost: memoryKib,
    timeCost: 2,
    parallelism: 1,
  };
  let dummy: Promise<string> | undefined;
  return {
    hash: (password) => argon2.hash(password, options),
    async verify(hash, password) {
      try {
        return await argon2.verify(hash, password);
      } catch {
        return false;
      }
    },
    needsRehash: (hash) => argon2.needsRehash(hash, options),
    async burn(password) {
      dummy ??= argon2.hash('retour-timing-equaliser', options);
      await argon2.verify(await dummy, password).catch(() => false);
    },
  };
}
