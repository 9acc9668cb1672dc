/*
 * Memory-bound kernels on the tfjs wasm heap that JavaScript runs several times slower than C:
 * strided copies (Transpose, Unpack), column sums (Sum over leading axes), the fused AdamW
 * update and RMSNorm's forward and backward. Like sgemm, each takes the heap's ArrayBuffer and
 * byte offsets, and checks every access against the buffer's size first: a wrong offset must throw, not corrupt the heap.
 */
#include <math.h>
#include <node_api.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(call)                                                                  \
  do {                                                                               \
    if ((call) != napi_ok) {                                                         \
      napi_throw_error(env, NULL, "rlvr_blas: bad arguments");                       \
      return NULL;                                                                   \
    }                                                                                \
  } while (0)

#define OUTSIDE()                                                                    \
  do {                                                                               \
    napi_throw_range_error(env, NULL, "rlvr_blas: operand outside the buffer");      \
    return NULL;                                                                     \
  } while (0)

#define MAX_AXES 8

static napi_status get_args(napi_env env, napi_callback_info info, size_t expected, napi_value *argv) {
  size_t argc = expected;
  napi_status s = napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  return s == napi_ok && argc != expected ? napi_invalid_arg : s;
}

static napi_status get_i64(napi_env env, napi_value v, int64_t *out) { return napi_get_value_int64(env, v, out); }

static napi_status get_i32_array(napi_env env, napi_value v, int32_t **data, size_t *length) {
  napi_typedarray_type type;
  napi_status s = napi_get_typedarray_info(env, v, &type, length, (void **)data, NULL, NULL);
  return s == napi_ok && type != napi_int32_array ? napi_invalid_arg : s;
}

static int inside(int64_t offset, int64_t bytes, size_t heap_bytes) {
  return offset >= 0 && bytes >= 0 && (uint64_t)(offset + bytes) <= heap_bytes;
}

/*
 * stridedCopy(heap, elementBytes, src, dst, dims, strides, run): for every index tuple over
 * `dims` (last fastest), copies `run` contiguous elements from src + sum(index * stride) to the next
 * place in dst, which is filled contiguously. Offsets in bytes, strides in elements.
 */
static napi_value strided_copy(napi_env env, napi_callback_info info) {
  napi_value argv[7];
  CHECK(get_args(env, info, 7, argv));
  char *heap = NULL;
  size_t heap_bytes = 0;
  CHECK(napi_get_arraybuffer_info(env, argv[0], (void **)&heap, &heap_bytes));
  int64_t element, src, dst, run;
  CHECK(get_i64(env, argv[1], &element));
  CHECK(get_i64(env, argv[2], &src));
  CHECK(get_i64(env, argv[3], &dst));
  int32_t *dims, *strides;
  size_t rank, rank_strides;
  CHECK(get_i32_array(env, argv[4], &dims, &rank));
  CHECK(get_i32_array(env, argv[5], &strides, &rank_strides));
  CHECK(get_i64(env, argv[6], &run));
  if (rank != rank_strides || rank > MAX_AXES || element <= 0 || element > 8 || run < 0) {
    napi_throw_error(env, NULL, "rlvr_blas: stridedCopy shape arguments disagree");
    return NULL;
  }
  int64_t count = 1, last = 0;
  for (size_t a = 0; a < rank; a++) {
    if (dims[a] < 0 || strides[a] < 0) OUTSIDE();
    count *= dims[a];
    last += (int64_t)(dims[a] > 0 ? dims[a] - 1 : 0) * strides[a];
  }
  if (count == 0 || run == 0) return NULL;
  if (!inside(src, (last + run) * element, heap_bytes) || !inside(dst, count * run * element, heap_bytes)) OUTSIDE();
  const size_t run_bytes = (size_t)(run * element);
  int64_t index[MAX_AXES] = {0};
  const char *from = heap + src;
  char *to = heap + dst;
  for (int64_t i = 0; i < count; i++) {
    memcpy(to, from, run_bytes);
    to += run_bytes;
    for (size_t a = rank; a-- > 0;) {
      from += (int64_t)strides[a] * element;
      if (++index[a] < dims[a]) break;
      from -= (int64_t)strides[a] * dims[a] * element;
      index[a] = 0;
    }
  }
  return NULL;
}

/* columnSums(heap, src, dst, rows, columns): float32 dst[c] = sum over r of src[r * columns + c]. */
static napi_value column_sums(napi_env env, napi_callback_info info) {
  napi_value argv[5];
  CHECK(get_args(env, info, 5, argv));
  char *heap = NULL;
  size_t heap_bytes = 0;
  CHECK(napi_get_arraybuffer_info(env, argv[0], (void **)&heap, &heap_bytes));
  int64_t src, dst, rows, columns;
  CHECK(get_i64(env, argv[1], &src));
  CHECK(get_i64(env, argv[2], &dst));
  CHECK(get_i64(env, argv[3], &rows));
  CHECK(get_i64(env, argv[4], &columns));
  if (rows < 0 || columns < 0 || src % 4 || dst % 4 || !inside(src, rows * columns * 4, heap_bytes) ||
      !inside(dst, columns * 4, heap_bytes))
    OUTSIDE();
  const float *x = (const float *)(heap + src);
  float *out = (float *)(heap + dst);
  /* Blocks of columns keep the double accumulators in cache while the rows stream past. */
  enum { BLOCK = 512 };
  double acc[BLOCK];
  for (int64_t c0 = 0; c0 < columns; c0 += BLOCK) {
    const int64_t width = columns - c0 < BLOCK ? columns - c0 : BLOCK;
    memset(acc, 0, sizeof acc);
    for (int64_t r = 0; r < rows; r++) {
      const float *row = x + r * columns + c0;
      for (int64_t c = 0; c < width; c++) acc[c] += row[c];
    }
    for (int64_t c = 0; c < width; c++) out[c0 + c] = (float)acc[c];
  }
  return NULL;
}

/* Whether `v` is a Uint32Array of `count` byte offsets; its data in `offsets`. */
static int get_offsets(napi_env env, napi_value v, size_t count, uint32_t **offsets) {
  napi_typedarray_type type;
  size_t n;
  if (napi_get_typedarray_info(env, v, &type, &n, (void **)offsets, NULL, NULL) != napi_ok) return 0;
  return type == napi_uint32_array && n == count;
}

/* Whether every operand lies inside the heap, 4-byte aligned; bytes[i] is operand i's size. */
static int operands_inside(const uint32_t *offsets, const int64_t *bytes, int n, size_t heap_bytes) {
  for (int i = 0; i < n; i++)
    if (offsets[i] % 4 || !inside((int64_t)offsets[i], bytes[i], heap_bytes)) return 0;
  return 1;
}

/*
 * adamw(heap, offsets, size, hyper): offsets (Uint32Array: the wasm heap may pass 2 GiB) of param,
 * grad, m, v, param', m', v' in bytes; hyper (Float64Array) gradScale, lr, beta1, beta2, eps,
 * weightDecay, correction1, correction2Root. The arithmetic of learner/backends/fused-adamw.ts's adamwUpdate.
 */
static napi_value adamw(napi_env env, napi_callback_info info) {
  napi_value argv[4];
  CHECK(get_args(env, info, 4, argv));
  char *heap = NULL;
  size_t heap_bytes = 0;
  CHECK(napi_get_arraybuffer_info(env, argv[0], (void **)&heap, &heap_bytes));
  uint32_t *offsets;
  int64_t size;
  CHECK(get_i64(env, argv[2], &size));
  napi_typedarray_type type;
  size_t n_hyper;
  double *h;
  CHECK(napi_get_typedarray_info(env, argv[3], &type, &n_hyper, (void **)&h, NULL, NULL));
  if (!get_offsets(env, argv[1], 7, &offsets) || type != napi_float64_array || n_hyper != 8 || size < 0) {
    napi_throw_error(env, NULL, "rlvr_blas: adamw takes 7 offsets (Uint32Array) and 8 hyperparameters (Float64Array)");
    return NULL;
  }
  const int64_t bytes[7] = {size * 4, size * 4, size * 4, size * 4, size * 4, size * 4, size * 4};
  if (!operands_inside(offsets, bytes, 7, heap_bytes)) OUTSIDE();
  const float *p = (const float *)(heap + offsets[0]), *g = (const float *)(heap + offsets[1]);
  const float *m = (const float *)(heap + offsets[2]), *v = (const float *)(heap + offsets[3]);
  float *p2 = (float *)(heap + offsets[4]), *m2 = (float *)(heap + offsets[5]), *v2 = (float *)(heap + offsets[6]);
  const double scale = h[0], lr = h[1], b1 = h[2], b2 = h[3], eps = h[4], wd = h[5], c1 = h[6], c2 = h[7];
  const double decay = 1 - lr * wd, step = lr / c1;
  for (int64_t i = 0; i < size; i++) {
    const double gi = g[i] * scale;
    const float mi = (float)(b1 * m[i] + (1 - b1) * gi);
    const float vi = (float)(b2 * v[i] + (1 - b2) * gi * gi);
    m2[i] = mi;
    v2[i] = vi;
    p2[i] = (float)(p[i] * decay - step * mi / (sqrt((double)vi) / c2 + eps));
  }
  return NULL;
}

/* The arguments both RMSNorm kernels take: (heap, offsets, rows, d, eps). */
typedef struct {
  char *heap;
  size_t heap_bytes;
  uint32_t *offsets;
  int64_t rows, d;
  double eps;
} RmsArgs;

/* Reads them into `a`; 0 after throwing (bad arguments, or `usage` when the offsets are wrong). */
static int rms_args(napi_env env, napi_callback_info info, size_t n_offsets, const char *usage, RmsArgs *a) {
  napi_value argv[5];
  if (get_args(env, info, 5, argv) != napi_ok ||
      napi_get_arraybuffer_info(env, argv[0], (void **)&a->heap, &a->heap_bytes) != napi_ok ||
      get_i64(env, argv[2], &a->rows) != napi_ok || get_i64(env, argv[3], &a->d) != napi_ok ||
      napi_get_value_double(env, argv[4], &a->eps) != napi_ok) {
    napi_throw_error(env, NULL, "rlvr_blas: bad arguments");
    return 0;
  }
  if (!get_offsets(env, argv[1], n_offsets, &a->offsets)) {
    napi_throw_error(env, NULL, usage);
    return 0;
  }
  if (a->rows < 0 || a->d <= 0) {
    napi_throw_range_error(env, NULL, "rlvr_blas: operand outside the buffer");
    return 0;
  }
  return 1;
}

/*
 * rmsNorm(heap, offsets, rows, d, eps): offsets (Uint32Array) of x [rows, d], weight [d] and
 * y [rows, d] in bytes; y = x * w / sqrt(mean(x^2) + eps) per row, the sums in double.
 */
static napi_value rms_norm(napi_env env, napi_callback_info info) {
  RmsArgs a;
  if (!rms_args(env, info, 3, "rlvr_blas: rmsNorm takes 3 offsets (Uint32Array)", &a)) return NULL;
  const int64_t rows = a.rows, d = a.d;
  const int64_t bytes[3] = {rows * d * 4, d * 4, rows * d * 4};
  if (!operands_inside(a.offsets, bytes, 3, a.heap_bytes)) OUTSIDE();
  const float *x = (const float *)(a.heap + a.offsets[0]), *w = (const float *)(a.heap + a.offsets[1]);
  float *y = (float *)(a.heap + a.offsets[2]);
  for (int64_t r = 0; r < rows; r++) {
    const float *xr = x + r * d;
    float *yr = y + r * d;
    double sq = 0;
    for (int64_t j = 0; j < d; j++) sq += (double)xr[j] * xr[j];
    const double inv = 1 / sqrt(sq / d + a.eps);
    for (int64_t j = 0; j < d; j++) yr[j] = (float)(xr[j] * inv * w[j]);
  }
  return NULL;
}

/*
 * rmsNormGrad(heap, offsets, rows, d, eps): offsets of dy [rows, d], x [rows, d], weight [d],
 * dx [rows, d] and dw [d]. With r = 1 / sqrt(mean(x^2) + eps) per row:
 * dx = r * dy * w - x * r^3 * sum(dy * w * x) / d, dw = sum over rows of dy * x * r.
 */
static napi_value rms_norm_grad(napi_env env, napi_callback_info info) {
  RmsArgs a;
  if (!rms_args(env, info, 5, "rlvr_blas: rmsNormGrad takes 5 offsets (Uint32Array)", &a)) return NULL;
  const int64_t rows = a.rows, d = a.d;
  const int64_t bytes[5] = {rows * d * 4, rows * d * 4, d * 4, rows * d * 4, d * 4};
  if (!operands_inside(a.offsets, bytes, 5, a.heap_bytes)) OUTSIDE();
  const float *dy = (const float *)(a.heap + a.offsets[0]), *x = (const float *)(a.heap + a.offsets[1]);
  const float *w = (const float *)(a.heap + a.offsets[2]);
  float *dx = (float *)(a.heap + a.offsets[3]), *dw = (float *)(a.heap + a.offsets[4]);
  double *acc = calloc((size_t)d, sizeof(double));
  if (!acc) {
    napi_throw_error(env, NULL, "rlvr_blas: rmsNormGrad out of memory");
    return NULL;
  }
  for (int64_t r = 0; r < rows; r++) {
    const float *dyr = dy + r * d, *xr = x + r * d;
    float *dxr = dx + r * d;
    double sq = 0, dot = 0;
    for (int64_t j = 0; j < d; j++) {
      sq += (double)xr[j] * xr[j];
      dot += (double)dyr[j] * w[j] * xr[j];
    }
    const double inv = 1 / sqrt(sq / d + a.eps);
    const double k = inv * inv * inv * dot / d;
    for (int64_t j = 0; j < d; j++) {
      dxr[j] = (float)(inv * dyr[j] * w[j] - xr[j] * k);
      acc[j] += (double)dyr[j] * xr[j] * inv;
    }
  }
  for (int64_t j = 0; j < d; j++) dw[j] = (float)acc[j];
  free(acc);
  return NULL;
}

napi_status register_kernels(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"stridedCopy", NULL, strided_copy, NULL, NULL, NULL, napi_default, NULL},
      {"columnSums", NULL, column_sums, NULL, NULL, NULL, napi_default, NULL},
      {"adamw", NULL, adamw, NULL, NULL, NULL, napi_default, NULL},
      {"rmsNorm", NULL, rms_norm, NULL, NULL, NULL, napi_default, NULL},
      {"rmsNormGrad", NULL, rms_norm_grad, NULL, NULL, NULL, napi_default, NULL},
  };
  return napi_define_properties(env, exports, 5, props);
}
