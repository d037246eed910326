#!/usr/bin/env node
// Compiles every contracts/src/*.sol with the pinned solc (package.json) through solc's
// standard JSON interface, writes one artifact per contract (ABI and bytecode) plus
// combined.json (solc's --combined-json shape, read by abigen) to OUT/artifacts/, and
// generates the Go bindings OUT/bindings.go with abigen v2 from the go-ethereum version in
// go.mod.
//
//   node compile.js [--out DIR] [--module DIR]
//
// --out defaults to this folder; --module (the Go module root that pins abigen) defaults to
// its parent. `make contracts` runs it after `npm ci`; contracts/generate_test.go runs it into a
// temporary folder and compares.
'use strict';

const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const solc = require('solc');

const SETTINGS = {
  // paris: no PUSH0 and later opcodes, so UniversalSigValidator runs in an eth_call on any
  // EVM chain, including L2s that lag behind mainnet forks.
  evmVersion: 'paris',
  optimizer: { enabled: true, runs: 200 },
  outputSelection: {
    '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object', 'evm.methodIdentifiers'] },
  },
};

function parseArgs(argv) {
  const args = { out: __dirname, module: path.resolve(__dirname, '..') };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in args) || i + 1 >= argv.length) {
      throw new Error(`usage: node compile.js [--out DIR] [--module DIR] (bad argument ${argv[i]})`);
    }
    args[key] = path.resolve(argv[++i]);
  }
  return args;
}

function compile() {
  const srcDir = path.join(__dirname, 'src');
  const sources = {};
  for (const name of fs.readdirSync(srcDir).filter((f) => f.endsWith('.sol')).sort()) {
    sources[`src/${name}`] = { content: fs.readFileSync(path.join(srcDir, name), 'utf8') };
  }
  const input = { language: 'Solidity', sources, settings: SETTINGS };
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  let failed = false;
  for (const e of output.errors || []) {
    process.stderr.write(e.formattedMessage || e.message);
    if (e.severity === 'error') failed = true;
  }
  if (failed) throw new Error('solc reported errors');
  return output.contracts;
}

function stableJSON(value) {
  return JSON.stringify(value, null, 2) + '\n';
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const contracts = compile();
  const version = solc.version();
  const artifactsDir = path.join(args.out, 'artifacts');
  fs.rmSync(artifactsDir, { recursive: true, force: true });
  fs.mkdirSync(artifactsDir, { recursive: true });

  const combined = { contracts: {}, version };
  const seen = new Set();
  for (const source of Object.keys(contracts).sort()) {
    for (const name of Object.keys(contracts[source]).sort()) {
      if (seen.has(name)) throw new Error(`two contracts are named ${name}; bindings need unique names`);
      seen.add(name);
      const c = contracts[source][name];
      fs.writeFileSync(
        path.join(artifactsDir, `${name}.json`),
        stableJSON({
          contractName: name,
          sourceName: source,
          compiler: version,
          settings: { evmVersion: SETTINGS.evmVersion, optimizer: SETTINGS.optimizer },
          abi: c.abi,
          bytecode: '0x' + c.evm.bytecode.object,
          deployedBytecode: '0x' + c.evm.deployedBytecode.object,
          methodIdentifiers: c.evm.methodIdentifiers,
        }),
      );
      combined.contracts[`${source}:${name}`] = {
        abi: c.abi,
        bin: c.evm.bytecode.object,
        'bin-runtime': c.evm.deployedBytecode.object,
        hashes: c.evm.methodIdentifiers,
      };
    }
  }
  const combinedPath = path.join(artifactsDir, 'combined.json');
  fs.writeFileSync(combinedPath, stableJSON(combined));

  const goBin = process.env.GO || 'go';
  execFileSync(
    goBin,
    [
      'run', 'github.com/ethereum/go-ethereum/cmd/abigen',
      '--v2', '--pkg', 'contracts',
      '--combined-json', combinedPath,
      '--out', path.join(args.out, 'bindings.go'),
    ],
    { cwd: args.module, stdio: 'inherit' },
  );
}

try {
  main();
} catch (err) {
  process.stderr.write(`compile.js: ${err.message}\n`);
  process.exit(1);
}
