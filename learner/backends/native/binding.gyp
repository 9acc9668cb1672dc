{
  "targets": [
    {
      "target_name": "rlvr_blas",
      "sources": ["blas.c"],
      "cflags": ["-O2"],
      "libraries": ["-lopenblas"]
    }
  ]
}
