// nodewasi.mjs - run a WASI command under Node's node:wasi, the
// reference the wasm suite compares wasmrun against.
//	node tools/wasm/nodewasi.mjs [-dir HOSTDIR] MODULE.wasm [ARGS...]
// stdin/stdout/stderr are the process's; no environment; the exit
// status is the module's.
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';
import { argv, exit } from 'node:process';

let args = argv.slice(2);
const preopens = {};
if (args[0] === '-dir') {
	preopens['/sandbox'] = args[1];
	args = args.slice(2);
}
if (args.length < 1) {
	console.error('usage: nodewasi.mjs [-dir HOSTDIR] MODULE.wasm [ARGS...]');
	exit(2);
}
const wasi = new WASI({ version: 'preview1', args, env: {}, preopens, returnOnExit: true });
const mod = await WebAssembly.compile(readFileSync(args[0]));
const inst = await WebAssembly.instantiate(mod, wasi.getImportObject());
exit(wasi.start(inst));
