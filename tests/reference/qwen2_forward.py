#!/usr/bin/env python3
"""An independent Qwen2 forward pass in PyTorch, to check the learner's against.

Reads a Hugging Face Qwen2 checkpoint directory (config.json, model.safetensors or shards with
model.safetensors.index.json; F32, F16 or BF16) with nothing but json, struct and numpy, computes in
float64 what transformers' Qwen2ForCausalLM computes (RMSNorm, rotary embeddings with rope_theta,
grouped-query attention with q/k/v biases, SwiGLU MLP, tied or untied lm_head), and prints the
per-token log-probs of token-id sequences. Needs only Debian's python3-torch and python3-numpy.

    python3 tests/reference/qwen2_forward.py --input IDS.jsonl CHECKPOINT_DIR [CHECKPOINT_DIR...]

IDS.jsonl holds one {"token_ids": [...]} per line. Prints one JSON line per checkpoint and sequence:
{"checkpoint": <directory name>, "token_ids": [...], "logprobs": [null, ...]}, where logprobs[t] is
log p(token_ids[t] | token_ids[:t]) and the first token has none (as vLLM's prompt_logprobs).
"""

import argparse
import json
import math
import os
import struct
import sys

import numpy as np
import torch

torch.set_grad_enabled(False)
DTYPE = torch.float64


def read_safetensors(path):
    """Every tensor of a safetensors file as a float64 torch tensor, by name."""
    with open(path, "rb") as f:
        (header_len,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(header_len))
        data = f.read()
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        raw = data[begin:end]
        dtype = entry["dtype"]
        if dtype == "F32":
            values = np.frombuffer(raw, dtype="<f4")
        elif dtype == "F16":
            values = np.frombuffer(raw, dtype="<f2").astype(np.float32)
        elif dtype == "BF16":
            # bfloat16 is the upper half of a float32.
            values = (np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16).view(np.float32)
        else:
            raise ValueError(f"{path}: {name} has dtype {dtype}")
        tensors[name] = torch.from_numpy(values.astype(np.float64)).reshape(entry["shape"])
    return tensors


def read_checkpoint(directory):
    with open(os.path.join(directory, "config.json")) as f:
        config = json.load(f)
    index = os.path.join(directory, "model.safetensors.index.json")
    if os.path.exists(index):
        with open(index) as f:
            files = sorted(set(json.load(f)["weight_map"].values()))
    else:
        files = ["model.safetensors"]
    weights = {}
    for name in files:
        weights.update(read_safetensors(os.path.join(directory, name)))
    return config, weights


def rms_norm(x, weight, eps):
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps) * weight


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def rotary(x, positions, theta):
    """x: [heads, T, d]; the pairs are (i, i + d/2), frequencies theta^(-2i/d)."""
    d = x.shape[-1]
    inv_freq = 1.0 / (theta ** (torch.arange(0, d, 2, dtype=DTYPE) / d))
    angles = torch.outer(positions.to(DTYPE), inv_freq)
    emb = torch.cat((angles, angles), dim=-1)
    return x * emb.cos() + rotate_half(x) * emb.sin()


def linear(x, weights, name, bias=False):
    y = x @ weights[f"{name}.weight"].T
    return y + weights[f"{name}.bias"] if bias else y


def attention(x, weights, prefix, config):
    t = x.shape[0]
    heads = config["num_attention_heads"]
    kv_heads = config.get("num_key_value_heads") or heads
    d = config["hidden_size"] // heads
    theta = config.get("rope_theta", 10000.0)
    positions = torch.arange(t)
    q = linear(x, weights, f"{prefix}.q_proj", bias=True).view(t, heads, d).transpose(0, 1)
    k = linear(x, weights, f"{prefix}.k_proj", bias=True).view(t, kv_heads, d).transpose(0, 1)
    v = linear(x, weights, f"{prefix}.v_proj", bias=True).view(t, kv_heads, d).transpose(0, 1)
    q, k = rotary(q, positions, theta), rotary(k, positions, theta)
    # transformers' repeat_kv: query head h reads key/value head h // (heads / kv_heads).
    k = k.repeat_interleave(heads // kv_heads, dim=0)
    v = v.repeat_interleave(heads // kv_heads, dim=0)
    scores = q @ k.transpose(-1, -2) / math.sqrt(d)
    causal = torch.triu(torch.ones(t, t, dtype=torch.bool), diagonal=1)
    scores = scores.masked_fill(causal, float("-inf"))
    out = torch.softmax(scores, dim=-1) @ v
    return linear(out.transpose(0, 1).reshape(t, heads * d), weights, f"{prefix}.o_proj")


def mlp(x, weights, prefix):
    gate = linear(x, weights, f"{prefix}.gate_proj")
    up = linear(x, weights, f"{prefix}.up_proj")
    return linear(torch.nn.functional.silu(gate) * up, weights, f"{prefix}.down_proj")


def log_probs(config, weights, ids):
    eps = config.get("rms_norm_eps", 1e-6)
    x = weights["model.embed_tokens.weight"][torch.tensor(ids)]
    for i in range(config["num_hidden_layers"]):
        p = f"model.layers.{i}"
        normed = rms_norm(x, weights[f"{p}.input_layernorm.weight"], eps)
        x = x + attention(normed, weights, f"{p}.self_attn", config)
        normed = rms_norm(x, weights[f"{p}.post_attention_layernorm.weight"], eps)
        x = x + mlp(normed, weights, f"{p}.mlp")
    h = rms_norm(x, weights["model.norm.weight"], eps)
    tied = config.get("tie_word_embeddings", False)
    head = weights["model.embed_tokens.weight"] if tied else weights["lm_head.weight"]
    logp = torch.log_softmax(h @ head.T, dim=-1)
    return [None] + [logp[t - 1, ids[t]].item() for t in range(1, len(ids))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", required=True, help='JSONL of {"token_ids": [...]}')
    parser.add_argument("checkpoints", nargs="+", help="Hugging Face Qwen2 checkpoint directories")
    args = parser.parse_args()
    with open(args.input) as f:
        inputs = [json.loads(line)["token_ids"] for line in f if line.strip()]
    for directory in args.checkpoints:
        config, weights = read_checkpoint(directory)
        if config.get("architectures") != ["Qwen2ForCausalLM"]:
            sys.exit(f"{directory}: not a Qwen2ForCausalLM checkpoint")
        name = os.path.basename(os.path.normpath(directory))
        for ids in inputs:
            record = {"checkpoint": name, "token_ids": ids, "logprobs": log_probs(config, weights, ids)}
            print(json.dumps(record))


if __name__ == "__main__":
    main()
