#!/usr/bin/env node
// Capacity and cost model of docs/capacity.md: storage request rates against Azure Storage's published targets,
// Flex Consumption instances, and the cost per 10,000 denials. Every input is a flag; the defaults are the figures
// measured by bench/LoadBench and the list prices docs/capacity.md cites (with their date). Re-run with your own:
//   node tools/capacity.js --volumes 10000,100000 --price-gbs 0.000026 --price-table-10k 0.00036 ...
'use strict';

const defaults = {
  // Measured (bench/LoadBench, docs/benchmarks.md "Storage requests per denial").
  'volumes': '10000,100000',            // denials per hour to plan for
  'table-per-denial': 15.2,             // table requests per denial, drop to email sent (reads, queries, writes, batches; approval, delivery and metrics rollup included)
  'queue-per-denial': 2.5,              // queue requests per denial (sends, receives, deletes, existence checks; research and drafting messages name 16 claims each)
  'blob-per-denial': 0.01,              // blob requests per denial (the dropped file, once per file)
  'hot-partition-per-denial': 2.33,     // entities per denial on the busiest table partition (PaidService-<payer>, one payer)
  'hot-queue-per-denial': 2.1,          // requests per denial on the busiest queue (letters-outbox: send + receive share + delete, one message per letter)
  'executions-per-denial': 1.13,        // function executions per denial (research and drafting 1/16 each, delivery 1; ingest amortised)
  'cpu-ms-per-denial': 46,              // CPU milliseconds per denial in the worker
  'emails-per-denial': 1.0,             // letters sent by email per denial
  // Published targets (Azure Storage scalability targets, standard GPv2; docs/capacity.md).
  'account-rps': 20000,                 // requests per second per storage account
  'partition-eps': 2000,                // entities per second per table partition
  'queue-mps': 2000,                    // messages per second per queue
  // Flex Consumption (docs/capacity.md).
  'instance-memory-mb': 2048,
  'vcpu-per-instance': 1,               // vCPUs of a 2,048 MB instance (assumption stated in docs/capacity.md)
  'utilization': 0.6,                   // CPU share planned per instance (headroom for bursts and cold starts)
  'peak-factor': 2,                     // peak hour over the average hour the volume is given for
  // List prices, USD (dated in docs/capacity.md); free grants ignored (they matter only below ~1M executions a month).
  'price-gbs': 0.000026,                // Flex Consumption on-demand execution time, per GB-second
  'price-exec-million': 0.40,           // Flex Consumption on-demand executions, per million
  'price-table-10k': 0.00036,           // Table storage transactions, per 10,000 (service-scoped key; infra's account-scoped key bills higher)
  'price-queue-10k': 0.004,             // Queue storage operations (GPv2 Class 1 and 2), per 10,000
  'price-blob-10k': 0.05,               // Blob write operations (the dearer class), per 10,000
  'price-email': 0.0004,                // SendGrid, per email (plan price / included emails)
};

function parse(argv) {
  const o = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help') { console.log(Object.entries(defaults).map(([k, v]) => `  --${k} ${v}`).join('\n')); process.exit(0); }
    if (!a.startsWith('--') || !(a.slice(2) in defaults) || i + 1 >= argv.length) { console.error(`unknown or incomplete option: ${a} (--help lists them)`); process.exit(2); }
    const k = a.slice(2), v = argv[++i];
    o[k] = k === 'volumes' ? v : Number(v);
    if (k !== 'volumes' && !Number.isFinite(o[k])) { console.error(`--${k} needs a number, got '${v}'`); process.exit(2); }
  }
  o.volumes = String(o.volumes).split(',').map(Number);
  return o;
}

const o = parse(process.argv.slice(2));
const perDenial = o['table-per-denial'] + o['queue-per-denial'] + o['blob-per-denial'];
const f = (x, d = 0) => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

console.log('| denials/hour | peak denials/s | storage requests/s (account target ' + f(o['account-rps']) + ') | busiest partition entities/s (target ' + f(o['partition-eps']) + ') | busiest queue msgs/s (target ' + f(o['queue-mps']) + ') | instances at peak | maximumInstanceCount to set |');
console.log('|---:|---:|---:|---:|---:|---:|---:|');
for (const v of o.volumes) {
  const peak = v * o['peak-factor'] / 3600;
  const rps = peak * perDenial;
  const hot = peak * o['hot-partition-per-denial'];
  const queue = peak * o['hot-queue-per-denial'];
  const cores = peak * o['cpu-ms-per-denial'] / 1000;
  const instances = Math.max(1, Math.ceil(cores / (o['vcpu-per-instance'] * o.utilization)));
  console.log(`| ${f(v)} | ${f(peak, 1)} | ${f(rps)} (${f(100 * rps / o['account-rps'])} %) | ${f(hot)} (${f(100 * hot / o['partition-eps'])} %) | ${f(queue)} (${f(100 * queue / o['queue-mps'])} %) | ${f(instances)} | ${f(Math.ceil(instances * 1.5))} |`);
}

// Where each published target is reached, in denials per second (the smallest saturates first).
console.log('');
console.log('| limit | target | per denial | denials/s at the target |');
console.log('|---|---:|---:|---:|');
for (const [what, target, per] of [
  ['storage account (requests/s)', o['account-rps'], perDenial],
  ['busiest table partition (entities/s)', o['partition-eps'], o['hot-partition-per-denial']],
  ['busiest queue (every operation counted as a message)', o['queue-mps'], o['hot-queue-per-denial']],
]) console.log(`| ${what} | ${f(target)} | ${f(per, 2)} | ${f(target / per)} |`);

// Cost of 10,000 denials. Compute: an instance is billed (memory × seconds) while it executes; at the planned utilisation
// one denial keeps an instance busy cpu / (vcpu × utilisation) seconds.
const n = 10000;
const gbs = n * (o['cpu-ms-per-denial'] / 1000) / (o['vcpu-per-instance'] * o.utilization) * (o['instance-memory-mb'] / 1024);
const rows = [
  ['compute (GB-s)', gbs, o['price-gbs'], gbs * o['price-gbs']],
  ['executions', n * o['executions-per-denial'], o['price-exec-million'] / 1e6, n * o['executions-per-denial'] * o['price-exec-million'] / 1e6],
  ['table transactions', n * o['table-per-denial'], o['price-table-10k'] / 1e4, n * o['table-per-denial'] * o['price-table-10k'] / 1e4],
  ['queue operations', n * o['queue-per-denial'], o['price-queue-10k'] / 1e4, n * o['queue-per-denial'] * o['price-queue-10k'] / 1e4],
  ['blob operations', n * o['blob-per-denial'], o['price-blob-10k'] / 1e4, n * o['blob-per-denial'] * o['price-blob-10k'] / 1e4],
  ['SendGrid emails', n * o['emails-per-denial'], o['price-email'], n * o['emails-per-denial'] * o['price-email']],
];
console.log('');
console.log('| cost of 10,000 denials | quantity | unit price (USD) | USD |');
console.log('|---|---:|---:|---:|');
for (const [what, q, p, c] of rows) console.log(`| ${what} | ${f(q)} | ${p.toPrecision(3)} | ${f(c, 2)} |`);
console.log(`| **total** | | | **${f(rows.reduce((s, r) => s + r[3], 0), 2)}** |`);
