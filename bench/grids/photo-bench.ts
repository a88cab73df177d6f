import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { servingEnv } from '../../scripts/serving-env.js';
import { servingNodeFlags } from '../../scripts/serving-flags.ts';
import { compiledCli } from '../../tests/compiled-server.ts';

export interface PhotoBenchResult {
  megapixels: number;
  uploadBytes: number;
  /** One upload at a time, on loopback: the request's time is the server's resize-and-store. */
  singleMs: number[];
  concurrent: number;
  concurrentWallMs: number;
  idleRssBytes: number;
  peakRssBytes: number;
}

const adminToken = 'bench-photos';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) * 1024;
}

/** A 12-megapixel camera picture with detail, so it compresses as a photo does, not as a flat colour. */
async function cameraPhoto(): Promise<Buffer> {
  const width = 4000;
  const height = 3000;
  const noise = Buffer.alloc(width * height * 3);
  for (let i = 0; i < noise.length; i += 1) noise[i] = (i * 2654435761) >>> 24;
  return sharp(noise, { raw: { width, height, channels: 3 } }).blur(1.2).withMetadata({ orientation: 6 }).jpeg({ quality: 88 }).toBuffer();
}

/** The compiled server in a process of its own, so its memory is its own, started as `npm start` starts it. */
export async function runPhotoBench(): Promise<PhotoBenchResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tributary-photo-bench-'));
  const port = await freePort();
  const child = spawn(process.execPath, [...servingNodeFlags(), compiledCli], {
    env: { ...process.env, ...servingEnv(), PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, TRIBUTARY_ADMIN_TOKEN: adminToken },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i += 1) {
      if ((await fetch(`${url}/healthz`).catch(() => null))?.ok) break;
      if (i > 200) throw new Error('the server did not start');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const photo = await cameraPhoto();
    const send = async (): Promise<number> => {
      const started = performance.now();
      const response = await fetch(`${url}/api/routes/laos-2013/photos`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'image/jpeg' }, body: photo as BodyInit });
      if (response.status !== 201) throw new Error(`upload: ${response.status} ${await response.text()}`);
      return performance.now() - started;
    };
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const idleRssBytes = rssOf(child.pid!);
    let peakRssBytes = idleRssBytes;
    const sampler = setInterval(() => (peakRssBytes = Math.max(peakRssBytes, rssOf(child.pid!))), 10);
    const concurrent = 10;
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrent }, send));
    const concurrentWallMs = performance.now() - started;
    clearInterval(sampler);
    const singleMs: number[] = [];
    for (let i = 0; i < 5; i += 1) singleMs.push(Math.round(await send()));
    return { megapixels: 12, uploadBytes: photo.length, singleMs, concurrent, concurrentWallMs: Math.round(concurrentWallMs), idleRssBytes, peakRssBytes };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
}
