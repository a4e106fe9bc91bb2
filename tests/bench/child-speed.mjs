// One peer's speed, in a process of its own (no JIT or heap state shared with other peers):
// `node child-speed.mjs <peer>` prints one JSON line.
import { corpus, TYPICAL } from "./corpus.mjs";
import { opsPerSecond, passTime, sink } from "./lib.mjs";

const peer = process.argv[2];
const { validate } = await import(`./peers/${peer}.mjs`);
const { validatePatch } = await import("../../pkg/node.js");

const bodies = corpus().map((b) => b.text);

// How often this peer's verdict (accept or refuse) is the server's, over the corpus.
let agree = 0;
for (const text of bodies) if (validate(text).ok === validatePatch(text).ok) agree++;

const typical = opsPerSecond(() => validate(TYPICAL));
const corpusPass = passTime(bodies, validate);

console.log(JSON.stringify({ peer, typical, corpus: corpusPass, agree: agree / bodies.length, sink: sink.n > 0 }));
