// The attacks load the machine (a fork bomb, a memory hog, a 300 MB flood) and one test measures this process's
// memory: run one at a time, so each sees the machine it asserts about.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
