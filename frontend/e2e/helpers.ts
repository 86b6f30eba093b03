import { expect, type APIRequestContext } from '@playwright/test'

/** A sweep file of tiny trials on synthetic shapes (seconds each); `extra` lines are appended. */
export function tinySweep(name: string, parameters: string): string {
  return `name: ${name}
dataset: synthetic-shapes
maxConcurrent: 1
parameters:
  model: googlenet
  width: 0.125
  epochs: 1
  batchSize: 16
  limitTrain: 64
  limitTest: 32
${parameters
  .trim()
  .split('\n')
  .map((l) => `  ${l}`)
  .join('\n')}
`
}

/** Submits a sweep file through the API; its id. */
export async function submit(request: APIRequestContext, yaml: string): Promise<string> {
  const res = await request.post('/api/sweeps', {
    data: yaml,
    headers: { 'Content-Type': 'application/yaml' },
  })
  expect(res.status(), await res.text()).toBe(201)
  return ((await res.json()) as { id: string }).id
}

/** Waits until the sweep has ended (completed, failed or cancelled); its final document. */
export async function ended(request: APIRequestContext, id: string, timeout = 240_000) {
  let sweep: { state: string; counts: Record<string, number> } = { state: '', counts: {} }
  await expect
    .poll(
      async () => {
        sweep = await (await request.get(`/api/sweeps/${id}`)).json()
        return ['completed', 'failed', 'cancelled'].includes(sweep.state)
      },
      { timeout, intervals: [1000] },
    )
    .toBe(true)
  return sweep
}
