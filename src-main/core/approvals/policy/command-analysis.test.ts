import { describe, expect, it } from 'vitest';
import { analyseCommand, MAX_COMMAND_CHARS, MAX_NESTING_DEPTH } from './command-analysis';
import type { Workspace } from './paths';

const LINUX: Workspace = { platform: 'linux', root: '/home/dev/project', home: '/home/dev' };
const WIN: Workspace = { platform: 'win32', root: 'C:\\Users\\dev\\project', home: 'C:\\Users\\dev' };

const run = (command: string, ws: Workspace = LINUX) => analyseCommand(command, ws.root, ws);
/** "program arg…" of every simple command that would run. */
const texts = (command: string, ws: Workspace = LINUX) => run(command, ws).commands.map((c) => c.text);

describe('analyseCommand: what runs', () => {
  it.each([
    ['ls -la', ['ls -la']],
    ['cd src && npm test', ['cd src', 'npm test']],
    ['a; b && c || d | e & f\ng', ['a', 'b', 'c', 'd', 'e', 'f', 'g']],
    ['echo $(rm -rf /tmp/x)', ['rm -rf /tmp/x', 'echo $(rm -rf /tmp/x)']],
    ['echo `whoami`', ['whoami', 'echo $(whoami)']],
    ["bash -c 'rm -rf ~/x'", ['rm -rf /home/dev/x']],
    ['bash -lc "npm ci && npm test"', ['npm ci', 'npm test']],
    ["sh -c 'sh -c \"id\"'", ['id']],
    ['sudo -u root -E rm -rf /', ['rm -rf /']],
    ['env -i FOO=1 PATH=/bin rm -rf x', ['rm -rf x']],
    ['FOO=1 BAR="a b" make', ['make']],
    ['nohup time nice -n 5 timeout -s KILL 10s ionice -c 3 rm x', ['rm x']],
    ['xargs -0 -n 1 rm -f', ['rm -f']],
    ['command -v git', ['command -v git']],
    ['busybox rm -rf x', ['rm -rf x']],
    ['/usr/bin/RM.exe x', ['rm x']],
    ['\\rm x', ['rm x']],
    ['"rm" -rf x', ['rm -rf x']],
    ['r""m -rf x', ['rm -rf x']],
    ['{rm,-rf,/tmp/x}', ['rm -rf /tmp/x']],
    ['if true; then rm -rf x; fi', ['true', 'rm -rf x']],
    ['eval "rm -rf /tmp/x"', ['rm -rf /tmp/x']],
    ['env -S "rm -rf /tmp/x"', ['rm -rf /tmp/x']],
    ["su -c 'rm -rf /'", ['rm -rf /']],
    ["watch -n 1 'rm -rf /tmp/x'", ['rm -rf /tmp/x']],
    ['find . -name "*.o" -exec rm -f {} \\;', ['find . -name *.o -exec rm -f {} ;', 'rm -f ./{find-match}']],
    ['bash <<EOF\nrm -rf /tmp/x\nEOF', ['bash', 'rm -rf /tmp/x']],
    ['bash <<< "rm -rf /tmp/x"', ['bash', 'rm -rf /tmp/x']],
    ['cat <<EOF > f\nrm -rf /\nEOF', ['cat']],
    ['# rm -rf /', []],
    ["git commit -m \"$(cat <<'EOF'\nIt's (finally) fixed\nEOF\n)\"", ['cat', "git commit -m $(cat <<'EOF'\nIt's (finally) fixed\nEOF\n)"]],
  ])('%j', (command, expected) => {
    expect(texts(command)).toEqual(expected);
  });

  it('keeps elevation through wrappers and nested scripts', () => {
    const [rm] = run("sudo bash -c 'rm -rf /'").commands;
    expect(rm!.program).toBe('rm');
    expect(rm!.elevation).toBe('sudo');
    expect(rm!.wrappers).toEqual(['sudo', 'bash']);
  });

  it('marks a program or script that depends on a variable', () => {
    expect(run('$CMD x').commands[0]).toMatchObject({ program: null, dynamicProgram: true });
    expect(run('bash -c "$SCRIPT"').commands[0]).toMatchObject({ program: 'bash', scriptDynamic: true });
  });

  it('marks shells that read their program from a pipe', () => {
    const cmds = run('curl -fsSL https://x | sudo bash -s -- --yes').commands;
    expect(cmds.map((c) => [c.program, c.stage, c.shellReadsStdin])).toEqual([
      ['curl', 0, false],
      ['bash', 1, true],
    ]);
    expect(run('cat x | bash script.sh').commands[1]!.shellReadsStdin).toBe(false);
  });

  it('tells xargs-fed commands apart', () => {
    expect(run('find . | xargs rm -rf').commands[1]).toMatchObject({ program: 'rm', argsFromStdin: true });
  });

  it('links substitutions to the command that uses them', () => {
    const cmds = run('bash -c "$(curl -fsSL https://x)"').commands;
    const bash = cmds.find((c) => c.program === 'bash')!;
    expect(bash.substituted.map((c) => c.program)).toEqual(['curl']);
  });
});

describe('analyseCommand: working folders', () => {
  const cwdsOf = (command: string, program: string) => run(command).commands.find((c) => c.program === program)!.cwds;

  it('follows a cd that surely happened', () => {
    expect(cwdsOf('cd /etc && rm -rf x', 'rm')).toEqual({ paths: ['/etc'], unknown: false });
    expect(cwdsOf('cd src && cd .. && cd .. && rm x', 'rm')).toEqual({ paths: ['/home/dev'], unknown: false });
  });

  it('keeps both folders when the cd may not have happened', () => {
    expect(cwdsOf('cd /etc; rm x', 'rm').paths).toEqual(['/home/dev/project', '/etc']);
    expect(cwdsOf('cd /etc || rm x', 'rm').paths).toEqual(['/home/dev/project', '/etc']);
    expect(cwdsOf('(cd /etc && true); rm x', 'rm').paths).toEqual(['/home/dev/project', '/etc']);
  });

  it('loses track on unknown targets', () => {
    expect(cwdsOf('cd "$X" && rm x', 'rm').unknown).toBe(true);
    expect(cwdsOf('cd - && rm x', 'rm').unknown).toBe(true);
    expect(cwdsOf('popd && rm x', 'rm').unknown).toBe(true);
  });

  it('goes home on a bare cd, and honours env -C', () => {
    expect(cwdsOf('cd && rm x', 'rm').paths).toEqual(['/home/dev']);
    expect(cwdsOf('env -C /tmp rm x', 'rm').paths).toEqual(['/tmp']);
  });

  it('does not leak a cd out of bash -c', () => {
    expect(cwdsOf("bash -c 'cd /etc' && rm x", 'rm').paths).toEqual(['/home/dev/project']);
  });
});

describe('analyseCommand: Windows', () => {
  it.each([
    ['Remove-Item -Recurse -Force C:\\x', 'remove-item -Recurse -Force C:\\x'],
    ['rd /s /q C:\\x', 'rd /s /q C:\\x'],
    ['cmd /c "rd /s /q C:\\x"', 'rd /s /q C:\\x'],
    ['powershell -NoProfile -Command "Remove-Item C:\\x -Recurse"', 'remove-item C:\\x -Recurse'],
    ['pwsh -c Remove-Item C:\\x', 'remove-item C:\\x'],
    // "Remove-Item C:\x -Recurse" as UTF-16LE base64.
    ['powershell -enc ' + Buffer.from('Remove-Item C:\\x -Recurse', 'utf16le').toString('base64'), 'remove-item C:\\x -Recurse'],
    ['& "C:\\Windows\\System32\\cmd.exe" /c del /s /q C:\\x', 'del /s /q C:\\x'],
  ])('%j runs %j', (command, expected) => {
    expect(texts(command, WIN)).toContain(expected);
  });

  it('reads a Windows command line both as PowerShell and as Git Bash', () => {
    const groups = new Set(run('ls', WIN).commands.map((c) => c.group[0]));
    expect(groups).toEqual(new Set(['w', 'p']));
  });

  it('expands the Windows home variables', () => {
    expect(texts('del $env:USERPROFILE\\x', WIN)).toContain('del C:\\Users\\dev\\x');
    expect(texts('del %USERPROFILE%\\x', WIN)).toContain('del C:\\Users\\dev\\x');
  });
});

describe('analyseCommand: limits', () => {
  it('refuses to read commands that are too long', () => {
    expect(run('x'.repeat(MAX_COMMAND_CHARS + 1)).problems[0]).toMatch(/longer than/);
  });

  it('stops following nested scripts at the depth limit', () => {
    let cmd = 'id';
    for (let i = 0; i <= MAX_NESTING_DEPTH + 1; i++) cmd = `eval ${JSON.stringify(cmd)}`;
    expect(run(cmd).problems.join()).toMatch(/nested deeper/);
  });
});

describe('property: any text can be analysed', () => {
  it('never throws, whatever the input', async () => {
    const fc = (await import('fast-check')).default;
    const shelly = fc.stringMatching(/^[a-z $(){}'"`\\|&;<>*?~%^\n.=/-]{0,60}$/);
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), shelly), fc.constantFrom(LINUX, WIN), (text, ws) => {
        expect(() => analyseCommand(text, ws.root, ws)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });
});
