import sharp from 'sharp';
import { keepArchive } from '../../src/jobs/retention';
import { withdraw } from '../../src/services/closure';
import type { World } from './world';

/**
 * R23: the petitioner's case withdrawn, archived three years on and destroyed ten years after
 * that, by the archive job as it runs each night. The world's clock stays where it ends.
 */
export async function destroyedLongAgo(world: World, number: string): Promise<void> {
  await withdraw(world.core, await world.as('hu.bin'), number, '已私下解决');
  const later = (years: number) => {
    const at = world.clock.now();
    // A day past the anniversary, as the nightly job finds it.
    at.setUTCFullYear(at.getUTCFullYear() + years, at.getUTCMonth(), at.getUTCDate() + 1);
    world.clock.set(at.toISOString());
  };
  later(3);
  expect((await keepArchive(world.core, world.clock.now())).archived).toContain(number);
  later(10);
  expect((await keepArchive(world.core, world.clock.now())).destroyed).toContain(number);
}

/** A small picture such as a phone takes: a JPEG whose EXIF names its author and camera. */
export function photoWithExif(): Promise<Buffer> {
  return sharp({ create: { width: 16, height: 12, channels: 3, background: '#2a6' } })
    .jpeg()
    .withExif({ IFD0: { Artist: 'Zhang San', Make: 'PhoneMaker', Model: 'P40' } })
    .toBuffer();
}
