// Cold start: a fresh `node` process, from the import of a peer to its first verdict.
// `node child-cold.mjs <peer>` prints one JSON line. performance.now() counts from the process's
// start, so `total` also holds Node's own start-up.
const TYPICAL =
  '{"name":"spring-2024-onboarding","expires":"2024-07-29T15:51:28.000Z","fixed_data":{"email":"new.user@example.com","department":"engineering"},"single_use":true,"flow":"0c5e6d3a-6f6b-4e0a-9d7c-1f2e3d4c5b6a"}';
const peer = process.argv[2];
const c0 = process.cpuUsage();
const t0 = performance.now();
const { validate } = await import(`./peers/${peer}.mjs`);
const ok = validate(TYPICAL).ok;
const t1 = performance.now();
const c = process.cpuUsage(c0);
console.log(JSON.stringify({ peer, importToVerdict: t1 - t0, importToVerdictCpu: (c.user + c.system) / 1000, total: t1, ok }));
