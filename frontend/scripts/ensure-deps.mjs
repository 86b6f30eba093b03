// Runs `npm ci` unless node_modules was installed from exactly this package-lock.json
// (the Maven build calls it in generate-resources; nothing is downloaded when up to date).
import { createHash } from 'node:crypto'
import { execSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const lock = readFileSync(join(root, 'package-lock.json'))
const hash = createHash('sha256').update(lock).digest('hex')
const stamp = join(root, 'node_modules', '.installed-lock-sha256')

if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash) {
  console.log('node_modules is up to date with package-lock.json; skipping npm ci')
} else {
  execSync('npm ci --no-audit --no-fund --prefer-offline', { cwd: root, stdio: 'inherit' })
  writeFileSync(stamp, `${hash}\n`)
}
