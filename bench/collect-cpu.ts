// CPU per API call of collection, and what it goes to (issue 13): seeds moto with one
// account of about 1,000 resources per region, collects it with everything
// (`inventory --full`) under the V8 sampling profiler, and prints this process's CPU
// time per call (moto's own CPU is another process and not counted) and the profile's
// self time grouped by what the code does: request signing, response parsing, HTTP and
// sockets, the SDK's middleware, envgate's own code, garbage collection.
// Usage: node --import tsx bench/collect-cpu.ts [--per-region 500] [--top]   (--top: the 25 functions with most self time)
import { subscribe } from 'node:diagnostics_channel';
import { Session } from 'node:inspector/promises';
import { collect, FULL_DEMAND } from '../src/collect/index.js';
import { estateMix, estateSpec, REGIONS } from './collect-estate.js';
import { startMoto } from '../test/helpers/moto.js';
import { seedAccountRegion } from '../test/helpers/seed-aws.js';

const i = process.argv.indexOf('--per-region');
const perRegion = i >= 0 ? Number(process.argv[i + 1]) : 500;

/** Native socket and HTTP-parser functions (no script URL): llhttp's execute/init, stream writes and reads. */
const NATIVE_IO = new Set(['connect', 'writev', 'writeUtf8String', 'writeLatin1String', 'writeBuffer', 'close', 'shutdown', 'readStart', 'readStop', 'onStreamRead', 'utf8Slice', 'latin1Slice', 'execute', 'init', 'finish', 'free', 'getAddrInfo']);

/** What a profile node's code does, from its script URL and function name. */
function groupOf(url: string, fn: string): string {
  if (url === '' && NATIVE_IO.has(fn)) return 'HTTP and sockets';
  if (fn === '(garbage collector)') return 'garbage collection';
  if (fn === '(program)' || fn === '(idle)' || fn === '(root)') return 'idle and V8 internals';
  if (/signature-v4|aws-crypto|sha256|hash-node|node:crypto|internal\/crypto/.test(url)) return 'signing (SigV4, hashing)';
  if (/fast-xml-parser|xml-builder|strnum|protocol-http|core\/dist-cjs\/submodules\/protocols|smithy-client\/dist-cjs\/.*(de)?serializ|json|cbor/i.test(url) || /^(parse|JSON\.parse)/.test(fn))
    return 'parsing and serialising';
  if (/node:(http|https|net|tls|stream|events|buffer|zlib)|internal\/(http|streams|net|tls|stream_base|timers|url)|_http_|node-http-handler/.test(url)) return 'HTTP and sockets';
  if (/@smithy|@aws-sdk/.test(url)) return 'SDK middleware and clients';
  if (/\/src\//.test(url)) return 'envgate';
  if (url === '' || url.startsWith('node:internal') || url.startsWith('node:')) return 'Node.js internals';
  return 'other libraries';
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  hitCount?: number;
}

const spec = estateSpec();

const moto = await startMoto();
try {
  await moto.reset();
  for (const [n, region] of REGIONS.entries()) await seedAccountRegion(moto, estateMix(region, n, perRegion));
  const credentials = async () => ({ accessKeyId: 'AKIAFAKEFAKEFAKE0000', secretAccessKey: 'fake' });
  const run = () => collect(spec, { now: new Date(0), endpoint: moto.endpoint, credentials, demand: FULL_DEMAND });
  await run(); // warm: module loading and JIT are start-up, not per call

  const inspector = new Session();
  inspector.connect();
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.setSamplingInterval', { interval: 200 });
  await inspector.post('Profiler.start');
  let sockets = 0;
  subscribe('net.client.socket', () => void sockets++);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const snap = await run();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const { profile } = (await inspector.post('Profiler.stop')) as { profile: { nodes: ProfileNode[] } };
  inspector.disconnect();

  const calls = Object.values(snap.metadata.apiCalls).reduce((a, b) => a + b, 0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(`${snap.resources.length} resources, ${calls} API calls, ${snap.errors.length} errors, ${sockets} connections opened; wall ${(wall / 1000).toFixed(1)} s`);
  console.log(`CPU of this process: ${cpuMs.toFixed(0)} ms (user ${(cpu.user / 1000).toFixed(0)}, system ${(cpu.system / 1000).toFixed(0)}): **${(cpuMs / calls).toFixed(2)} ms per call**\n`);
  const hits = new Map<string, number>();
  let busy = 0;
  for (const node of profile.nodes) {
    const g = groupOf(node.callFrame.url, node.callFrame.functionName);
    const h = node.hitCount ?? 0;
    hits.set(g, (hits.get(g) ?? 0) + h);
    if (g !== 'idle and V8 internals') busy += h;
  }
  if (process.argv.includes('--top')) {
    const byFn = new Map<string, number>();
    for (const node of profile.nodes) {
      const key = `${groupOf(node.callFrame.url, node.callFrame.functionName)} | ${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/^.*node_modules\//, '')}`;
      byFn.set(key, (byFn.get(key) ?? 0) + (node.hitCount ?? 0));
    }
    for (const [k, h] of [...byFn.entries()].filter(([k]) => !k.startsWith('idle')).sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${((100 * h) / busy).toFixed(1)}%  ${k}`);
    console.log('');
  }
  console.log('| group | share of busy samples | CPU per call |');
  console.log('|---|---:|---:|');
  for (const [g, h] of [...hits.entries()].filter(([g]) => g !== 'idle and V8 internals').sort((a, b) => b[1] - a[1])) {
    console.log(`| ${g} | ${((100 * h) / busy).toFixed(1)}% | ${((cpuMs * h) / busy / calls).toFixed(3)} ms |`);
  }
} finally {
  await moto.stop();
}
