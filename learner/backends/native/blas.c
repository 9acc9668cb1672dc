/*
 * sgemm on float32 matrices that live in one ArrayBuffer (the tfjs wasm heap): the caller passes
 * the buffer and byte offsets, so no tensor is copied across the JavaScript/C boundary. Each call
 * runs `count` products C_i = op(A_i) op(B_i) with row-major operands.
 */
#include <cblas.h>
#include <node_api.h>
#include <stdint.h>

/* OpenBLAS extensions; declared here because <cblas.h> may be another BLAS's header. */
void openblas_set_num_threads(int threads);
int openblas_get_num_threads(void);

#define CHECK(call)                                                                  \
  do {                                                                               \
    if ((call) != napi_ok) {                                                         \
      napi_throw_error(env, NULL, "rlvr_blas: bad arguments to sgemm");              \
      return NULL;                                                                   \
    }                                                                                \
  } while (0)

static int32_t int_arg(napi_env env, napi_value v, napi_status *status) {
  int32_t out = 0;
  *status = napi_get_value_int32(env, v, &out);
  return out;
}

static uint32_t *u32_array(napi_env env, napi_value v, size_t *length, napi_status *status) {
  napi_typedarray_type type;
  void *data = NULL;
  *status = napi_get_typedarray_info(env, v, &type, length, &data, NULL, NULL);
  if (*status == napi_ok && type != napi_uint32_array) *status = napi_invalid_arg;
  return (uint32_t *)data;
}

/* sgemm(heap, transA, transB, m, n, k, aOffsets, bOffsets, cOffsets) */
static napi_value sgemm(napi_env env, napi_callback_info info) {
  size_t argc = 9;
  napi_value argv[9];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc != 9) {
    napi_throw_error(env, NULL, "rlvr_blas: sgemm takes 9 arguments");
    return NULL;
  }
  void *heap = NULL;
  size_t heap_bytes = 0;
  CHECK(napi_get_arraybuffer_info(env, argv[0], &heap, &heap_bytes));
  napi_status s;
  bool trans_a = false, trans_b = false;
  CHECK(napi_get_value_bool(env, argv[1], &trans_a));
  CHECK(napi_get_value_bool(env, argv[2], &trans_b));
  const int32_t m = int_arg(env, argv[3], &s);
  CHECK(s);
  const int32_t n = int_arg(env, argv[4], &s);
  CHECK(s);
  const int32_t k = int_arg(env, argv[5], &s);
  CHECK(s);
  size_t na = 0, nb = 0, nc = 0;
  const uint32_t *a_off = u32_array(env, argv[6], &na, &s);
  CHECK(s);
  const uint32_t *b_off = u32_array(env, argv[7], &nb, &s);
  CHECK(s);
  const uint32_t *c_off = u32_array(env, argv[8], &nc, &s);
  CHECK(s);
  if (na != nc || nb != nc || m < 0 || n < 0 || k < 0) {
    napi_throw_error(env, NULL, "rlvr_blas: offset arrays differ in length or a size is negative");
    return NULL;
  }
  /* Bounds are checked here because a wrong offset would silently corrupt the wasm heap. */
  const uint64_t a_bytes = (uint64_t)m * k * 4, b_bytes = (uint64_t)k * n * 4, c_bytes = (uint64_t)m * n * 4;
  for (size_t i = 0; i < nc; i++) {
    if (a_off[i] % 4 || b_off[i] % 4 || c_off[i] % 4 || a_off[i] + a_bytes > heap_bytes ||
        b_off[i] + b_bytes > heap_bytes || c_off[i] + c_bytes > heap_bytes) {
      napi_throw_range_error(env, NULL, "rlvr_blas: operand outside the buffer or misaligned");
      return NULL;
    }
  }
  char *base = (char *)heap;
  for (size_t i = 0; i < nc; i++) {
    cblas_sgemm(CblasRowMajor, trans_a ? CblasTrans : CblasNoTrans, trans_b ? CblasTrans : CblasNoTrans, m,
                n, k, 1.0f, (const float *)(base + a_off[i]), trans_a ? m : k,
                (const float *)(base + b_off[i]), trans_b ? k : n, 0.0f, (float *)(base + c_off[i]), n);
  }
  return NULL;
}

static napi_value set_threads(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_status s;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  const int32_t threads = int_arg(env, argv[0], &s);
  CHECK(s);
  openblas_set_num_threads(threads);
  return NULL;
}

static napi_value threads(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value out;
  CHECK(napi_create_int32(env, openblas_get_num_threads(), &out));
  return out;
}

/* The other kernels, in kernels.c. */
napi_status register_kernels(napi_env env, napi_value exports);

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"sgemm", NULL, sgemm, NULL, NULL, NULL, napi_default, NULL},
      {"setThreads", NULL, set_threads, NULL, NULL, NULL, napi_default, NULL},
      {"threads", NULL, threads, NULL, NULL, NULL, napi_default, NULL},
  };
  CHECK(napi_define_properties(env, exports, 3, props));
  CHECK(register_kernels(env, exports));
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
