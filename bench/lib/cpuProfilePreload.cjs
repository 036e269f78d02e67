// Profiles the process it is loaded into, like node --cpu-prof, which NODE_OPTIONS refuses:
//   NODE_OPTIONS="--require /path/to/cpuProfilePreload.cjs" HUB_CPU_PROF_DIR=/some/dir
// so `npm run bench:gateway -- --cpu-prof` can profile every process of the hub under load. The profile
// is written as CPU.<pid>.cpuprofile on SIGUSR2 (the benchmark sends it when the load is over), or at exit.
'use strict';
const dir = process.env.HUB_CPU_PROF_DIR;
if (dir) {
  const fs = require('node:fs');
  const path = require('node:path');
  const inspector = require('node:inspector');
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    // An in-thread inspector session answers synchronously, so this completes before the process ends.
    session.post('Profiler.stop', (error, result) => {
      if (error || !result) return;
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `CPU.${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  };
  process.on('exit', write);
  process.on('SIGUSR2', write);
}
