// The Python harness that runs assert-based tests (read from descriptor 5, never a file the program could
// read). A program cannot fake success: the harness reports each test case, and the end, on descriptor 4
// with a nonce it read from descriptor 3 (then closed) and keeps only in a closure; exit status means
// nothing. Before the program runs it makes itself non-dumpable (no /proc/self/mem from a child), installs
// an audit hook that refuses frame, gc and ctypes introspection (the routes to that closure), and compiles
// the tests, so patching `ast` or the harness's own classes changes nothing. Tests run with pristine
// builtins and modules, in their own copy of the namespace, and `assert a == b` fails for an object that
// equals anything; the comparison functions are made after the program ran, out of its reach.
//
// Cases: each top-level `assert` or expression statement; or, when the tests define `check(candidate)` and
// an entry point is given (HumanEval), each top-level statement of check's body that holds an assert (a loop
// of asserts is one case; `assert True` none), run one by one in order with the other statements as setup
// and `candidate` bound to the program's entry point.

enum AssertHarness {
    /// Reports are lines `NONCE cases TOTAL`, then `NONCE case INDEX pass|fail` each (`NONCE missing NAME` for
    /// an entry point the program lacks), then `NONCE end TOTAL`. Arguments: the program's path, the entry point.
    static let source =
        "import ast, builtins, os, sys, ctypes\n\n" + PythonPrelude.quitters + #"""
            def _read_all(fd):
                chunks = []
                while True:
                    chunk = os.read(fd, 65536)
                    if not chunk:
                        break
                    chunks.append(chunk)
                os.close(fd)
                return b"".join(chunks).decode()

            def _is_check_call(statement):
                call = statement.value if isinstance(statement, ast.Expr) else None
                return isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "check"

            def _holds_assert(statement):
                # `assert True, "..."` (many HumanEval checks have two) cannot fail: it is no test case.
                compound = (ast.Assert, ast.For, ast.While, ast.If, ast.With, ast.Try)
                return isinstance(statement, compound) and any(
                    isinstance(node, ast.Assert) and not isinstance(node.test, ast.Constant)
                    for node in ast.walk(statement))

            def _plan(tests, entry_point):
                """[(code or None if it does not compile, case index or None for setup)], the case count, and the
                name the entry point is bound to (None without check)."""
                checks = [s for s in tests.body if isinstance(s, ast.FunctionDef) and s.name == "check" and s.args.args]
                if entry_point and checks:
                    # Top-level statements are setup; the tests' own `check(name)` call is what the cases replace.
                    statements = [(s, False) for s in tests.body if s not in checks and not _is_check_call(s)]
                    statements += [(s, _holds_assert(s)) for s in checks[-1].body]
                    parameter = checks[-1].args.args[0].arg
                else:
                    statements = [(s, isinstance(s, (ast.Assert, ast.Expr))) for s in tests.body]
                    parameter = None
                steps, count = [], 0
                for statement, is_case in statements:
                    try:
                        code = compile(ast.Module(body=[statement], type_ignores=[]), "tests.py", "exec")
                    except SyntaxError:
                        code = None  # e.g. a `return` in check's body: that step fails
                    steps.append((code, count if is_case else None))
                    count += is_case
                return steps, count, parameter

            def _run(solution_path, entry_point):
                nonce = _read_all(3).strip()
                # The tests arrive on a pipe, not a file, so the program cannot read them to hard-code answers.
                tests = ast.fix_missing_locations(_StrictEquality().visit(ast.parse(_read_all(5))))
                steps, total, parameter = _plan(tests, entry_point)
                write, exit_now, out, getpid, fsdecode = os.write, os._exit, 4, os.getpid, os.fsdecode
                is_instance, run, sys_modules = isinstance, exec, sys.modules
                os.set_inheritable(out, False)
                ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 0

                harness_pid = getpid()

                def report(line):
                    # Only the harness process reports: forked copies of it would let a program try many
                    # answers at once and collect every branch's passes.
                    if getpid() != harness_pid:
                        exit_now(0)
                    write(out, ("%s %s\n" % (nonce, line)).encode())

                def deny(event, args):
                    # Names bound before the program ran: it may patch builtins and os while it runs.
                    if event == "sys._getframe":
                        # ValueError, as for a stack too shallow: typing, namedtuple, enum and logging catch it and
                        # fall back, so `from typing import List` works (HumanEval's prompts start with it).
                        raise ValueError("test harness: sys._getframe is not allowed")
                    if event == "object.__getattr__" and args[1] in ("tb_frame", "gi_frame", "cr_frame", "ag_frame"):
                        # Only attributes that yield frames: `import logging` reads a function's __code__.
                        raise RuntimeError("test harness: reading %s is not allowed" % args[1])
                    if event in ("sys._current_frames", "gc.get_objects",
                                 "gc.get_referrers", "gc.get_referents", "sys.settrace", "sys.setprofile", "ctypes.dlopen",
                                 "ctypes.dlsym", "ctypes.cdata", "ctypes.addressof"):
                        raise RuntimeError("test harness: %s is not allowed" % event)
                    if event == "import" and args and args[0] in ("ctypes", "_ctypes", "gc", "inspect"):
                        raise RuntimeError("test harness: importing %s is not allowed" % args[0])
                    if event == "open" and args and is_instance(args[0], (str, bytes)):
                        path = fsdecode(args[0])
                        if path.startswith("/proc/") and path.rstrip("/").split("/")[-1] in ("mem", "fd", "maps", "environ"):
                            raise RuntimeError("test harness: opening %s is not allowed" % path)

                with open(solution_path) as f:
                    solution = f.read()
                pristine_builtins = dict(builtins.__dict__)
                sys.settrace = sys.setprofile = None
                for name in ("gc", "inspect", "ctypes", "_ctypes"):
                    sys.modules.pop(name, None)
                sys.addaudithook(deny)
                modules = {name: (m, dict(m.__dict__)) for name, m in list(sys.modules.items()) if m is not None}
                report("cases %d" % total)
                namespace = {"__name__": "solution", "__builtins__": builtins}
                try:
                    run(compile(solution, "solution.py", "exec"), namespace)
                except BaseException:
                    pass  # failures show as failed cases below; what it defined before exit() stays
                # Whatever the program patched (builtins, sys.modules, module attributes), the tests see the originals.
                for name in [n for n in sys_modules if n not in modules]:
                    del sys_modules[name]  # modules the program imported (and may have patched) load afresh for the tests
                for name, (module, saved) in modules.items():
                    sys_modules[name] = module
                    module.__dict__.clear()
                    module.__dict__.update(saved)
                namespace["__builtins__"] = dict(pristine_builtins)

                def equals_anything(value):
                    try:
                        return bool(value == object()) or not bool(value != object())
                    except BaseException:
                        return False

                def strict_equal(left, right):
                    """`left == right`, except that an object equal to a fresh sentinel ("AlwaysEqual") is not."""
                    return bool(left == right) and not equals_anything(left) and not equals_anything(right)

                # A copy: the program's functions can rewrite their own globals, not the names the tests use.
                test_namespace = dict(namespace)
                test_namespace["__grpo_equal"] = strict_equal
                if parameter is not None:
                    if entry_point in namespace:
                        test_namespace[parameter] = namespace[entry_point]
                    else:
                        report("missing %s" % entry_point)
                        steps = []  # every case fails
                for code, case in steps:
                    try:
                        if code is None:
                            raise SyntaxError
                        run(code, test_namespace)
                        ok = True
                    except BaseException:
                        ok = False
                    if case is not None:
                        report("case %d %s" % (case, "pass" if ok else "fail"))
                    elif not ok:
                        break  # setup failed: the remaining cases count as failed
                report("end %d" % total)
                exit_now(0)

            class _StrictEquality(ast.NodeTransformer):
                """Rewrites `assert a == b` (one comparison) into `assert __grpo_equal(a, b)`."""
                def visit_Assert(self, node):
                    test = node.test
                    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq):
                        node.test = ast.Call(func=ast.Name(id="__grpo_equal", ctx=ast.Load()),
                                             args=[test.left, test.comparators[0]], keywords=[])
                    return node

            _run(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "")
            """#
}
