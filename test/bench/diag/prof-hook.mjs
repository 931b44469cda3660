// Loaded into the server with NODE_OPTIONS=--import (diagnostics only): samples a CPU profile of
// each thread from PROF_START_MS for PROF_MS and writes /tmp/server-<threadId>.cpuprofile.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { threadId } from 'node:worker_threads';

const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 500 });
const startAfter = Number(process.env.PROF_START_MS || 8000);
const duration = Number(process.env.PROF_MS || 5000);
setTimeout(() => {
  session.post('Profiler.start');
  setTimeout(() => {
    session.post('Profiler.stop', (err, result) => {
      if (!err) writeFileSync(`/tmp/server-${threadId}.cpuprofile`, JSON.stringify(result.profile));
    });
  }, duration).unref();
}, startAfter).unref();
