import { describeLockRepoContract } from './lock-repo-contract';
import { createMemoryLockRepo } from './memory-lock-repo';

describeLockRepoContract('in-memory fake', createMemoryLockRepo);
