{
  "targets": [
    {
      "target_name": "rlvr_blas",
      "sources": ["blas.c", "kernels.c"],
      "cflags": ["-O2"],
      "libraries": ["-lopenblas"]
    }
  ]
}
