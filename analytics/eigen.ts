/**
 * Cyclic Jacobi eigen-decomposition of a symmetric d×d matrix (row-major). Eigenvalues are sorted
 * descending; `vectors` is d×d with eigenvector c in column c. Fine for d ≲ 100.
 * @example jacobiEigen(Float64Array.of(2, 0, 0, 1), 2).values // Float64Array [2, 1]
 */
export function jacobiEigen(sym: Float64Array, d: number, maxSweeps = 100): { values: Float64Array; vectors: Float64Array } {
  if (sym.length !== d * d) throw new RangeError(`matrix length=${sym.length} must equal d*d=${d * d}`);
  const A = Float64Array.from(sym);
  const V = new Float64Array(d * d);
  for (let i = 0; i < d; i++) V[i * d + i] = 1;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0, diag = 0;
    for (let p = 0; p < d; p++) { diag += A[p * d + p] ** 2; for (let q = p + 1; q < d; q++) off += A[p * d + q] ** 2; }
    if (off <= 1e-30 * (diag + 1e-300) || off === 0) break;
    for (let p = 0; p < d - 1; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = A[p * d + q];
        if (Math.abs(apq) < 1e-300) continue;
        const app = A[p * d + p], aqq = A[q * d + q];
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let k = 0; k < d; k++) {
          const akp = A[k * d + p], akq = A[k * d + q];
          A[k * d + p] = c * akp - s * akq; A[k * d + q] = s * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = A[p * d + k], aqk = A[q * d + k];
          A[p * d + k] = c * apk - s * aqk; A[q * d + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = V[k * d + p], vkq = V[k * d + q];
          V[k * d + p] = c * vkp - s * vkq; V[k * d + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: d }, (_, i) => i).sort((a, b) => A[b * d + b] - A[a * d + a] || a - b);
  const values = new Float64Array(d), vectors = new Float64Array(d * d);
  order.forEach((src, c) => { values[c] = A[src * d + src]; for (let k = 0; k < d; k++) vectors[k * d + c] = V[k * d + src]; });
  return { values, vectors };
}
