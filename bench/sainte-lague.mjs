// sainte-lague.mjs - times the npm package `sainte-lague` (juliuste, v3) on
// the same votes file as bench_apportion.c.
//
//   node sainte-lague.mjs VOTES SEATS REPS SEATS_OUT
//
// Prints the median time per call in microseconds and writes the seats, one
// per line in input order. The package is ESM-only and takes an object
// {party: votes}; it is loaded from $PS_BENCH_MODULES (default
// /tmp/ps-bench/node_modules), never from the repository.
import { readFileSync, writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { join } from 'node:path'

const [votesPath, seatsArg, repsArg, outPath] = process.argv.slice(2)
const modules = process.env.PS_BENCH_MODULES || '/tmp/ps-bench/node_modules'
const { default: sainteLague } = await import(
  pathToFileURL(join(modules, 'sainte-lague', 'src', 'index.js')).href)

const counts = readFileSync(votesPath, 'utf8').split('\n').filter(s => s.length).map(Number)
const votes = {}
counts.forEach((v, i) => { votes[`p${i}`] = v })
const seats = Number(seatsArg)
const reps = Number(repsArg)

let result
const times = []
for (let r = 0; r < reps; r++) {
  const t0 = process.hrtime.bigint()
  result = sainteLague(votes, seats, { draw: false })
  times.push(Number(process.hrtime.bigint() - t0) / 1e3)
}
times.sort((a, b) => a - b)
console.log(times[Math.floor(reps / 2)].toFixed(3))
writeFileSync(outPath, counts.map((_, i) => `${result[`p${i}`]}\n`).join(''))
