// node-x12 1.7.1, whole-file mode: X12Parser.parse(string) builds the full interchange object model,
// then we walk it to the last segment, counting CLP segments and summing CLP04 (in cents).
// usage: node --max-old-space-size=16384 whole.js <file.x12>
'use strict';
const fs = require('fs');
const { X12Parser } = require('node-x12');
const file = process.argv[2];
const bytes = fs.statSync(file).size;
const t0 = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
const edi = fs.readFileSync(file, 'utf8');
const parser = new X12Parser(false);
const root = parser.parse(edi);
let claims = 0, cents = 0, segments = 0, last = '';
const interchanges = root.interchanges ? root.interchanges : [root];
const visit = (seg) => {
  if (!seg) return;
  segments++;
  last = seg.tag;
  if (seg.tag === 'CLP') { claims++; cents += Math.round(parseFloat(seg.elements[3].value) * 100); }
};
for (const ic of interchanges) {
  visit(ic.header);
  for (const fg of ic.functionalGroups) {
    visit(fg.header);
    for (const tx of fg.transactions) {
      visit(tx.header);
      for (const seg of tx.segments) visit(seg);
      visit(tx.trailer);
    }
    visit(fg.trailer);
  }
  visit(ic.trailer);
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(JSON.stringify({
  reader: 'node-x12-whole', file: require('path').basename(file), bytes, seconds,
  mbPerSecond: bytes / 1048576 / seconds, cpuSeconds, mbPerCpuSecond: bytes / 1048576 / cpuSeconds, peakRssMB: process.resourceUsage().maxRSS / 1024,
  claims, segments, lastSegment: last, totalPaid: (cents / 100).toFixed(2), diagnostics: parser.diagnostics.length,
}));
