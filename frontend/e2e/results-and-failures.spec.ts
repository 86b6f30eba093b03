import { expect, test } from '@playwright/test'
import { ended, submit, tinySweep } from './helpers'

// lr 1000 with SGD, unclipped (googlenet's own default clips at norm 1), makes the loss NaN
// within a few steps: a real failure of a real trial
const SWEEP = tinySweep('e2e-failure', 'optimizer: sgd\ngradClip: 0\nlr: [0.01, 1000]')

test('the results table: varying columns, the column chooser, filters, failure reasons and the keyboard; the trial page traces the failure across a retry', async ({
  page,
  request,
}) => {
  test.setTimeout(420_000)
  const id = await submit(request, SWEEP)
  const sweep = await ended(request, id)
  expect(sweep.counts).toEqual({ completed: 1, failed: 1 })
  const trials = (await (await request.get(`/api/sweeps/${id}/trials`)).json()) as {
    id: string
    state: string
  }[]
  const failed = trials.find((t) => t.state === 'failed')!.id

  await page.goto(`/sweeps/${id}`)
  const table = page.getByTestId('results-table')
  const headers = table.locator('thead th')
  await expect(page.getByTestId('results-row')).toHaveCount(2)
  // lr varies: a column; optimizer does not: in the chooser only
  await expect(headers).toContainText(['lr'])
  await expect(headers.filter({ hasText: /^optimizer/ })).toHaveCount(0)
  // the failure's reason, as the trial reported it
  const failedRow = page.getByTestId('results-row').filter({ hasText: failed })
  await expect(failedRow.locator('[data-col=error]')).toContainText('training diverged: loss is')

  await page.getByTestId('column-chooser').click()
  await page.getByTestId('column-optimizer').check()
  await page.getByTestId('column-macs').uncheck()
  await expect(headers.filter({ hasText: /^optimizer/ })).toHaveCount(1)
  await expect(headers.filter({ hasText: /^MACs/ })).toHaveCount(0)
  await expect(failedRow.locator('[data-col=optimizer]')).toHaveText('sgd')

  await page.getByTestId('filter-state-failed').click()
  await expect(page.getByTestId('results-row')).toHaveCount(1)
  await page.getByTestId('filter-state-failed').click()
  await page.getByTestId('results-filter').fill('lr=1000')
  await expect(page.getByTestId('results-row')).toHaveCount(1)
  await page.getByTestId('results-filter').fill('')

  // the keyboard: Tab reaches the rows, arrows move, Enter opens the trial
  await page.getByTestId('results-row').first().focus()
  await page.keyboard.press('ArrowDown')
  await expect(page.getByTestId('results-row').nth(1)).toBeFocused()
  await page.keyboard.press('ArrowUp')
  await expect(page.getByTestId('results-row').first()).toBeFocused()
  // numbers sort largest first on the first click
  await page.getByTestId('sort-lr').click()
  await expect(page.getByTestId('results-row').first()).toContainText('1000')
  await page.getByTestId('results-row').first().focus()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`/trials/${failed}$`))

  // the trial page: the attempt's error, its log's tail and the link to the whole log
  const errors = page.getByTestId('attempt-error')
  await expect(errors).toHaveCount(1)
  await expect(errors.first()).toContainText('attempt 1 (diverged): training diverged')
  await expect(page.getByTestId('attempt-log-tail').first()).not.toBeEmpty()
  const link = page.getByTestId('attempt-log-link').first()
  await expect(link).toHaveAttribute('href', `/api/trials/${failed}/log?attempt=1`)
  expect((await request.get((await link.getAttribute('href'))!)).ok()).toBe(true)

  // retried, it fails again: both attempts' errors stay, the first one included
  await page.getByTestId('retry').click()
  await expect(page.getByTestId('attempt-row')).toHaveCount(2, { timeout: 120_000 })
  await expect(errors).toHaveCount(2, { timeout: 240_000 })
  await expect(page.locator('[data-testid=attempt-error][data-attempt="1"]')).toContainText(
    'training diverged',
  )
})
