/**
 * Valid Python 3.12 that real projects contain, one construct per entry: each must parse without
 * a syntax note (test/languages/python/syntax.test.ts) and must stay valid after pruning
 * (prune.test.ts). Entries that were rejected by @lezer/python 1.1.19 are marked with "was:".
 */
export const VALID_PYTHON: Readonly<Record<string, string>> = {
  // was: bare yield (pytest fixtures, FastAPI lifespans, contextmanager helpers)
  "pytest fixture with a bare yield": "@pytest.fixture\ndef client():\n    c = make()\n    yield\n    c.close()\n",
  "FastAPI lifespan": "@asynccontextmanager\nasync def lifespan(app: FastAPI):\n    await start()\n    yield\n    await stop()\n",
  "bare yield inside try/finally": "@pytest.fixture\ndef db():\n    try:\n        yield\n    finally:\n        close()\n",
  "bare yield in with and if": "@contextmanager\ndef f():\n    with x:\n        yield\n    if y: yield\n",
  "yield as a value": "def f():\n    x = yield\n    x += yield\n    y = (yield)\n    z = yield from g()\n    return (yield)\n",
  "bare yield at end of file": "def f():\n    yield",
  "lambda yielding": "f = lambda: (yield)\n",
  // was: parenthesized context managers (3.9+)
  "parenthesized with, one line": "with (open('a') as x, open('b') as y):\n    pass\n",
  "parenthesized with, multi-line, trailing comma": "with (\n    open('a') as x,\n    open(\n        'b',\n    ) as y,\n):\n    pass\n",
  "async parenthesized with": "async def f():\n    async with (a() as x, b() as y):\n        pass\n",
  "parenthesized with, one item and comma": "with (open('a') as f,):\n    pass\n",
  "with on a parenthesized expression": "with (open('a')) as f, (open('b')) as g:\n    pass\n",
  "with on a tuple": "with (a, b):\n    pass\n",
  "with as attribute or tuple target": "with a as self.conn, b as (c, d):\n    pass\n",
  // was: PEP 614 decorators
  "decorator with subscript": "@buttons[0].clicked.connect\ndef f():\n    pass\n",
  "decorator with lambda": "@(lambda f: f)\ndef g():\n    pass\n",
  "decorator call chain": "@a.b(c).d\ndef f():\n    pass\n",
  // was: star expressions in subscripts, for iterables, annotations
  "star in index": "x = a[*b]\ny = a[*b, 1]\n",
  "star in for iterable": "for x in *a, *b:\n    pass\n",
  "star annotation (PEP 646)": "def f[*Ts](*args: *Ts): ...\n",
  // was: class pattern without arguments
  "match class pattern without arguments": "match x:\n    case str() | bytes():\n        pass\n    case {'k': str() as s}:\n        pass\n",
  // was: match on a starred tuple, positional-only lambda, type parameter defaults (3.13), form feed
  "match on a starred tuple": "match *a, b:\n    case _:\n        pass\n",
  "positional-only lambda": "f = lambda a, /, b=1: a\n",
  "type parameter default": "def f[T = int]():\n    pass\n",
  "form feed line": "x = 1\n\f\ndef f():\n    pass\n",
  // was: a last line of only spaces, without a line break (what pruning leaves after a blanked last block)
  "spaces on the last line": "if x:\n    pass\n        ",
  // already accepted: kept here so that a grammar change cannot lose them
  "return of star expressions": "def g():\n    return *a, *b\n",
  "match statement": "match cmd:\n    case {'a': 1, **rest}:\n        pass\n    case [x, *ys] if x > 1:\n        pass\n    case Point(x=0) | Point(y=0):\n        pass\n    case Color.RED | None | -1 | 1+2j:\n        pass\n    case (1 | 2) as y:\n        pass\n    case _:\n        pass\n",
  "match and type as names": "match = 1\ncase = 2\nmatch(x)\ntype = 3\nprint(type(x))\n",
  "walrus": "if (n := len(a)) > 10:\n    pass\n[y for x in z if (y := f(x))]\nf(y := 1)\n",
  "PEP 695 generics": "def f[T](x: T) -> T:\n    return x\nclass A[T: int, *Ts, **P](Base[T]):\n    def get[U](self, u: U) -> T | U: ...\n",
  "type alias statement": "type X = list[int]\ntype Y[T] = dict[str, T]\n",
  "f-strings with nested quotes (3.12)": "x = f\"{d[\"k\"]}\"\ny = f\"{'a' + f\"{b}\"}\"\nz = f\"{x!r:>{w}}\"\nw = f'{', '.join(a)}'\n",
  "f-string format specs and self-doc": "f'{x:%Y-%m-%d}' rf'{x}\\d' f'{x=}' f'{x!r:^{w}.{p}}'\n",
  "except star": "try:\n    pass\nexcept* (A, B) as eg:\n    pass\nexcept* C:\n    pass\n",
  "positional-only and keyword-only params": "def f(a, b=1, /, c=2, *, d, **kw): pass\n",
  "async comprehensions": "async def f():\n    a = [x async for x in g()]\n    b = {k: v async for k, v in g() if await h(k)}\n    c = [await x for x in y]\n",
  "async generator": "async def f():\n    async for x in g():\n        yield x\n    yield\n",
  "star targets and unpacking": "a, *b = c\n(a, b), c = d\nf(*a, *b, **c, **d)\nx = [*a, *b]\ny = {**a, **b}\nz = *a, *b\n",
  "one-line compound statements": "if x: pass\nelif y: pass\nelse: pass\nclass A: pass\ntry: x()\nexcept: pass\n",
  "CRLF line endings": "def f():\r\n    yield\r\n    x = 1\r\n",
  "nonlocal and global": "def f():\n    x = 1\n    def g():\n        nonlocal x\n        global y\n        x = 2\n",
  "complex annotations": "def f(cb: Callable[[int, str], Awaitable[None]] | None = None) -> AsyncIterator[dict[str, Any]]: ...\n",
};
