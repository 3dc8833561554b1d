// The Python harness that runs assert-based tests (read from descriptor 5, never a file the program could
// read). A program cannot fake success: the harness reports each top-level test statement, and the end,
// on descriptor 4 with a nonce it read from descriptor 3 (then closed)
// and keeps only in a closure; exit status means nothing. Before the program runs it makes itself
// non-dumpable (no /proc/self/mem from a child) and installs an audit hook that refuses frame, gc and
// ctypes introspection, the routes to that closure. Tests run with pristine builtins and modules, in
// their own copy of the namespace, and `assert a == b` fails for an object that equals anything.

enum AssertHarness {
    /// Reports are lines `NONCE cases TOTAL`, then `NONCE case INDEX pass|fail` each, then `NONCE end TOTAL`.
    static let source = #"""
        import ast, builtins, os, sys, ctypes

        def _read_all(fd):
            chunks = []
            while True:
                chunk = os.read(fd, 65536)
                if not chunk:
                    break
                chunks.append(chunk)
            os.close(fd)
            return b"".join(chunks).decode()

        def _run(solution_path):
            nonce = _read_all(3).strip()
            # The tests arrive on a pipe, not a file, so the program cannot read them to hard-code answers.
            tests = ast.parse(_read_all(5))
            write, exit_now, out = os.write, os._exit, 4
            os.set_inheritable(out, False)
            ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 0

            harness_pid = os.getpid()

            def report(line):
                # Only the harness process reports: forked copies of it would let a program try many
                # answers at once and collect every branch's passes.
                if os.getpid() != harness_pid:
                    exit_now(0)
                write(out, ("%s %s\n" % (nonce, line)).encode())

            def deny(event, args):
                if event in ("sys._getframe", "sys._current_frames", "object.__getattr__", "gc.get_objects",
                             "gc.get_referrers", "gc.get_referents", "sys.settrace", "sys.setprofile", "ctypes.dlopen",
                             "ctypes.dlsym", "ctypes.cdata", "ctypes.addressof"):
                    raise RuntimeError("test harness: %s is not allowed" % event)
                if event == "import" and args and args[0] in ("ctypes", "_ctypes", "gc", "inspect"):
                    raise RuntimeError("test harness: importing %s is not allowed" % args[0])
                if event == "open" and args and isinstance(args[0], (str, bytes)):
                    path = os.fsdecode(args[0])
                    if path.startswith("/proc/") and path.rstrip("/").split("/")[-1] in ("mem", "fd", "maps", "environ"):
                        raise RuntimeError("test harness: opening %s is not allowed" % path)

            with open(solution_path) as f:
                solution = f.read()
            cases = [i for i, s in enumerate(tests.body) if isinstance(s, (ast.Assert, ast.Expr))]
            pristine_builtins = dict(builtins.__dict__)
            sys.settrace = sys.setprofile = None
            for name in ("gc", "inspect", "ctypes", "_ctypes"):
                sys.modules.pop(name, None)
            sys.addaudithook(deny)
            modules = {name: (m, dict(m.__dict__)) for name, m in list(sys.modules.items()) if m is not None}
            report("cases %d" % len(cases))
            namespace = {"__name__": "solution", "__builtins__": builtins}
            try:
                exec(compile(solution, "solution.py", "exec"), namespace)
            except BaseException:
                pass  # failures show as failed cases below
            # Whatever the program patched (builtins, sys.modules, module attributes), the tests see the originals.
            for name in [n for n in sys.modules if n not in modules]:
                del sys.modules[name]  # modules the program imported (and may have patched) load afresh for the tests
            for name, (module, saved) in modules.items():
                sys.modules[name] = module
                module.__dict__.clear()
                module.__dict__.update(saved)
            namespace["__builtins__"] = dict(pristine_builtins)
            # A copy: the program's functions can rewrite their own globals, not the names the tests use.
            test_namespace = dict(namespace)
            test_namespace["__grpo_equal"] = _strict_equal
            tests = ast.fix_missing_locations(_StrictEquality().visit(tests))
            for index, statement in enumerate(tests.body):
                try:
                    exec(compile(ast.Module(body=[statement], type_ignores=[]), "tests.py", "exec"), test_namespace)
                    ok = True
                except BaseException:
                    ok = False
                if index in cases:
                    report("case %d %s" % (cases.index(index), "pass" if ok else "fail"))
                elif not ok:
                    break  # setup failed: the remaining cases count as failed
            report("end %d" % len(cases))
            exit_now(0)

        def _equals_anything(value):
            try:
                return bool(value == object()) or not bool(value != object())
            except BaseException:
                return False

        def _strict_equal(left, right):
            """`left == right`, except that an object equal to a fresh sentinel (the "AlwaysEqual" hack) is not."""
            return bool(left == right) and not _equals_anything(left) and not _equals_anything(right)

        class _StrictEquality(ast.NodeTransformer):
            """Rewrites `assert a == b` (one comparison) into `assert __grpo_equal(a, b)`."""
            def visit_Assert(self, node):
                test = node.test
                if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq):
                    node.test = ast.Call(func=ast.Name(id="__grpo_equal", ctx=ast.Load()),
                                         args=[test.left, test.comparators[0]], keywords=[])
                return node

        _run(sys.argv[1])
        """#
}
