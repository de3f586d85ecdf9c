// The configuration test sets a process environment variable (ACTORS_NODE__PORT) that every host started
// meanwhile would read, and the example runs boot nodes on a machine of 2 cores: tests here run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
