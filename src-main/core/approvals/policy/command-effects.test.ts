import { describe, expect, it } from 'vitest';
import { analyseCommand } from './command-analysis';
import { commandEffects, isWorldWritableMode } from './command-effects';
import type { Workspace } from './paths';

const WS: Workspace = { platform: 'linux', root: '/home/dev/project', home: '/home/dev' };
const effects = (command: string) => {
  const cmds = analyseCommand(command, WS.root, WS).commands;
  return commandEffects(cmds[cmds.length - 1]!, WS);
};
const abs = (ts: readonly { abs: string | null }[]) => ts.map((t) => t.abs);

describe('commandEffects', () => {
  it.each([
    ['rm -rf a b', ['/home/dev/project/a', '/home/dev/project/b'], true, true],
    ['rm -- -f', ['/home/dev/project/-f'], false, false],
    ['rm -r x', ['/home/dev/project/x'], true, false],
    ['unlink x', ['/home/dev/project/x'], false, false],
    ['Remove-Item -Path x -Recurse', ['/home/dev/project/x'], true, false],
    ['rm "$X"', [null], true, true],
  ])('%j deletes %j (recursive %s, forced %s)', (command, targets, recursive, forced) => {
    const d = effects(command).deletes!;
    expect([abs(d.targets), d.recursive, d.forced]).toEqual([targets, recursive, forced]);
  });

  it.each([
    ['echo x > a.txt', ['/home/dev/project/a.txt']],
    ['echo x >> /tmp/log 2>&1', ['/tmp/log']],
    ['echo x &> out', ['/home/dev/project/out']],
    ['echo x > /dev/null', []],
    ['cp -r src /tmp/dst', ['/tmp/dst']],
    ['cp -t /opt/x a b', ['/opt/x']],
    ['mv a ~/b', ['/home/dev/b']],
    ['tee -a one two', ['/home/dev/project/one', '/home/dev/project/two']],
    ['sed -i s/a/b/ f.txt', ['/home/dev/project/f.txt']],
    ['sed s/a/b/ f.txt', []],
    ['curl -o out.json https://x', ['/home/dev/project/out.json']],
    ['wget --output-document=/tmp/x https://x', ['/tmp/x']],
    ['dd if=a of=b', ['/home/dev/project/b']],
    ['touch a', ['/home/dev/project/a']],
  ])('%j writes %j', (command, targets) => {
    expect(abs(effects(command).writes)).toEqual(targets);
  });

  it('reads git clean -C and -n', () => {
    expect(abs(effects('git -C /tmp/r clean -fdx').gitClean)).toEqual(['/tmp/r']);
    expect(effects('git clean -ndx').gitClean).toEqual([]);
    expect(effects('git status').gitClean).toEqual([]);
  });

  it('collects every path a command mentions, and where it runs', () => {
    const paths = abs(effects('grep -r --include=*.ts foo /etc src > out.txt').pathArgs);
    expect(paths).toEqual(expect.arrayContaining(['/home/dev/project', '/etc', '/home/dev/project/src', '/home/dev/project/out.txt']));
  });

  it.each([
    ['777', true],
    ['0777', true],
    ['755', false],
    ['o+w', true],
    ['a+rwx', true],
    ['+w', true],
    ['u+w', false],
    ['g=rw,o=r', false],
  ])('chmod mode %s is world-writable: %s', (mode, expected) => {
    expect(isWorldWritableMode(mode)).toBe(expected);
  });
});
