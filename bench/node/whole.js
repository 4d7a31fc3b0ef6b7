// node-x12 1.7.1, whole-file mode: X12Parser.parse(string) builds the full interchange object model,
// then we walk it to the last segment, counting CLP segments and summing CLP04 (in cents).
// usage: node --max-old-space-size=16384 whole.js <file.x12>
'use strict';
const fs = require('fs');
const { X12Parser } = require('node-x12');
const file = process.argv[2];
const bytes = fs.statSync(file).size;
const t0 = process.hrtime.bigint();
const edi = fs.readFileSync(file, 'utf8');
const parser = new X12Parser(false);
const root = parser.parse(edi);
let claims = 0, cents = 0, segments = 0, last = '';
const interchanges = root.interchanges ? root.interchanges : [root];
for (const ic of interchanges) {
  for (const fg of ic.functionalGroups) {
    for (const tx of fg.transactions) {
      for (const seg of tx.segments) {
        segments++;
        last = seg.tag;
        if (seg.tag === 'CLP') { claims++; cents += Math.round(parseFloat(seg.elements[3].value) * 100); }
      }
    }
  }
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(JSON.stringify({
  reader: 'node-x12-whole', file: require('path').basename(file), bytes, seconds,
  mbPerSecond: bytes / 1048576 / seconds, peakRssMB: process.resourceUsage().maxRSS / 1024,
  claims, segments, lastSegment: last, totalPaid: (cents / 100).toFixed(2), diagnostics: parser.diagnostics.length,
}));
