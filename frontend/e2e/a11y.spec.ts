import { expect, test, type Page } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import { ended, submit, tinySweep } from './helpers'

/** axe-core's serious and critical findings on the page as it is now, one line each. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze()
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    )
}

test('axe-core finds no serious or critical violation on any page', async ({ page, request }) => {
  test.setTimeout(420_000)
  const id = await submit(request, tinySweep('e2e-a11y', 'lr: 0.01'))
  await ended(request, id)
  const trial = `${id}-t000`
  const pages: [string, (p: Page) => Promise<void>][] = [
    ['/', (p) => expect(p.getByTestId('sweep-row').first()).toBeVisible()],
    ['/sweeps/new', (p) => expect(p.getByTestId('param-width-input')).toBeVisible()],
    [`/sweeps/${id}`, (p) => expect(p.getByTestId('results-row')).toHaveCount(1)],
    [`/trials/${trial}`, (p) => expect(p.getByTestId('attempt-row')).toHaveCount(1)],
    [
      '/models',
      (p) => expect(p.getByTestId('graph-node').first()).toBeVisible({ timeout: 240_000 }),
    ],
    ['/workers', (p) => expect(p.getByTestId('worker-row').first()).toBeVisible()],
  ]
  const found: string[] = []
  for (const [path, ready] of pages) {
    await page.goto(path)
    await ready(page)
    for (const v of await violations(page)) found.push(`${path}: ${v}`)
  }
  // the open states: the column chooser, the sweeps list's confirmation and its notes editor
  await page.goto(`/sweeps/${id}`)
  await page.getByTestId('column-chooser').click()
  for (const v of await violations(page)) found.push(`column chooser: ${v}`)
  await page.goto('/')
  const row = page.locator(`[data-testid=sweep-row][data-sweep="${id}"]`)
  await row.getByTestId('notes-edit').click()
  await row.getByTestId('sweep-delete').click()
  for (const v of await violations(page)) found.push(`sweeps list, editing: ${v}`)
  expect(found, found.join('\n')).toEqual([])
})

test('the New-sweep form works from the keyboard: Tab through the fields, type, launch', async ({
  page,
}) => {
  await page.goto('/sweeps/new')
  await expect(page.getByTestId('param-width-input')).toBeVisible()
  await page.getByTestId('field-name').focus()
  await page.keyboard.press('Control+A')
  await page.keyboard.type('e2e-keyboard')
  // every field is reached with Tab, in the order they are shown
  const reached: string[] = []
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab')
    const t = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '')
    if (t) reached.push(t)
    if (t === 'launch') break
  }
  expect(reached).toContain('field-dataset')
  expect(reached).toContain('param-width-input')
  expect(reached.at(-1)).toBe('launch')
  await expect(page.getByTestId('yaml-editor')).toHaveValue(/name: e2e-keyboard/)
  // a flagged field holds the launch; fixed, Enter on the focused button launches
  await page.getByTestId('param-width-input').fill('-1')
  await expect(page.getByTestId('launch')).toBeDisabled()
  await page.getByTestId('param-width-input').fill('0.125')
  await page.getByTestId('param-epochs-input').fill('1')
  await expect(page.getByTestId('launch')).toBeEnabled()
  await page.getByTestId('launch').focus()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/sweeps\/(?!new)[^/]+$/)
  // this sweep is not the test's subject: stop it
  const id = page.url().split('/').pop()!
  await page.request.post(`/api/sweeps/${id}/cancel`)
})
