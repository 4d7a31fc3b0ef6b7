// node-x12 1.7.1, streaming mode: fs.createReadStream(file).pipe(new X12Parser()), each 'data' event a segment.
// We count CLP segments, sum CLP04 (cents) and count every segment to the last one.
// Known defect (reported, not hidden): when a read chunk ends exactly on a segment terminator the parser keeps the
// previous chunk's leftover and glues it to the next chunk, so segments come out joined/duplicated.
// usage: node stream.js <file.x12>
'use strict';
const fs = require('fs');
const { X12Parser } = require('node-x12');
const file = process.argv[2];
const bytes = fs.statSync(file).size;
const t0 = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
let claims = 0, cents = 0, segments = 0, last = '', badTags = 0, nanAmounts = 0;
const badTagSamples = [];
fs.createReadStream(file)
  .pipe(new X12Parser())
  .on('data', (seg) => {
    segments++;
    last = seg.tag;
    if (!/^[A-Z][A-Z0-9]{1,2}$/.test(seg.tag)) { badTags++; if (badTagSamples.length < 3) badTagSamples.push(JSON.stringify(seg.tag).slice(0, 40)); }
    if (seg.tag === 'CLP') {
      claims++;
      const v = parseFloat(seg.elements[3] && seg.elements[3].value);
      if (Number.isNaN(v)) nanAmounts++; else cents += Math.round(v * 100);
    }
  })
  .on('error', (e) => { console.log(JSON.stringify({ reader: 'node-x12-stream', file: require('path').basename(file), error: String(e) })); process.exit(1); })
  .on('end', () => {
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    console.log(JSON.stringify({
      reader: 'node-x12-stream', file: require('path').basename(file), bytes, seconds,
      mbPerSecond: bytes / 1048576 / seconds, cpuSeconds, mbPerCpuSecond: bytes / 1048576 / cpuSeconds, peakRssMB: process.resourceUsage().maxRSS / 1024,
      claims, segments, lastSegment: last, totalPaid: (cents / 100).toFixed(2), badTags, badTagSamples, nanAmounts,
    }));
  });
