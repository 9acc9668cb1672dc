"""PyTorch twin of the learner benchmark's reference step (learner/backends/reference-model.ts).

Run with Debian's python (`/usr/bin/python3`, which has python3-torch). Prints one JSON line:
median training step ms over the timed steps, and generation tokens/s with the KV cache (null
with --gen-tokens 0). --threads sets PyTorch's thread count, which its OpenBLAS follows.
"""

import argparse
import json
import math
import statistics
import time

import torch
import torch.nn.functional as F


class RMSNorm(torch.nn.Module):
    def __init__(self, d):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.ones(d))

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-6) * self.weight


class Block(torch.nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.heads = heads
        self.norm1 = RMSNorm(d)
        self.qkv = torch.nn.Linear(d, 3 * d, bias=False)
        self.out = torch.nn.Linear(d, d, bias=False)
        self.norm2 = RMSNorm(d)
        self.up = torch.nn.Linear(d, 4 * d, bias=False)
        self.down = torch.nn.Linear(4 * d, d, bias=False)

    def forward(self, x, mask, cache):
        b, t, d = x.shape
        dh = d // self.heads
        q, k, v = self.qkv(self.norm1(x)).view(b, t, 3, self.heads, dh).permute(2, 0, 3, 1, 4)
        if cache is not None:
            k = torch.cat([cache[0], k], 2)
            v = torch.cat([cache[1], v], 2)
        scores = q @ k.transpose(-1, -2) / math.sqrt(dh) + mask
        attended = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, t, d)
        x = x + self.out(attended)
        return x + self.down(F.relu(self.up(self.norm2(x)))), (k, v)


class Reference(torch.nn.Module):
    def __init__(self, vocab=64, d=256, heads=4, layers=4, max_positions=128):
        super().__init__()
        self.embed = torch.nn.Parameter(torch.randn(vocab, d) * 0.02)
        self.positions = torch.nn.Parameter(torch.randn(max_positions, d) * 0.02)
        self.blocks = torch.nn.ModuleList(Block(d, heads) for _ in range(layers))
        self.norm = RMSNorm(d)

    def forward(self, ids, cache=None):
        b, t = ids.shape
        past = 0 if cache is None else cache[0][0].shape[2]
        x = self.embed[ids] + self.positions[past : past + t]
        mask = torch.full((t, past + t), -1e9).triu(past + 1)
        new_cache = []
        for i, block in enumerate(self.blocks):
            x, kv = block(x, mask, None if cache is None else cache[i])
            new_cache.append(kv)
        return self.norm(x) @ self.embed.t(), new_cache


def bench_train(model, args):
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.01)
    ids = torch.randint(0, 64, (args.batch, args.seq))
    targets = torch.randint(0, 64, (args.batch, args.seq))
    times = []
    for step in range(args.warmup + args.steps):
        start = time.perf_counter()
        logits, _ = model(ids)
        loss = F.cross_entropy(logits.reshape(-1, 64), targets.reshape(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if step >= args.warmup:
            times.append((time.perf_counter() - start) * 1000)
    return times


@torch.no_grad()
def bench_generate(model, args):
    def run():
        ids = torch.randint(0, 64, (args.gen_batch, 1))
        cache = None
        for _ in range(args.gen_tokens):
            logits, cache = model(ids, cache)
            ids = torch.multinomial(logits[:, -1].softmax(-1), 1)

    run()
    start = time.perf_counter()
    run()
    return args.gen_batch * args.gen_tokens / (time.perf_counter() - start)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--seq", type=int, default=64)
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--gen-batch", type=int, default=256)
    parser.add_argument("--gen-tokens", type=int, default=64)
    parser.add_argument("--threads", type=int, default=0, help="0: PyTorch's default")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = Reference()
    times = bench_train(model, args)
    result = {
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "step_ms": times,
        "median_ms": statistics.median(times),
        "best_ms": min(times),
        "gen_tokens_per_s": bench_generate(model, args) if args.gen_tokens > 0 else None,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
