/**
 * Exponential moving average as TensorBoard draws it: the running average is debiased
 * (divided by 1 - weight^n), so the first smoothed point equals the first value instead of
 * starting near zero. Non-finite values are passed through and do not disturb the average.
 *
 * @param values raw values in step order
 * @param weight smoothing weight in [0, 1); 0 returns a copy of the input
 */
export function emaSmooth(values: ArrayLike<number>, weight: number): number[] {
  const w = Math.min(Math.max(weight, 0), 0.999)
  const out = new Array<number>(values.length)
  let last = 0
  let n = 0
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!
    if (!Number.isFinite(v)) {
      out[i] = v
      continue
    }
    last = last * w + (1 - w) * v
    n++
    const debias = w === 0 ? 1 : 1 - Math.pow(w, n)
    out[i] = last / debias
  }
  return out
}
