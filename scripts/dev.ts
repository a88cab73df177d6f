import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

// The real server (PORT, default 8080) and Vite's dev server in front of it with hot reload;
// vite.config.ts proxies /sync, /api and /healthz to the server, so open Vite's address.
await (await import('../server/main.ts')).main();
const vite = await createServer({ configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)) });
await vite.listen();
console.log('Development client with hot reload:');
vite.printUrls();
