// The loopback fakes probe for a free port before listening; test classes running at once (each with its own fakes
// and a Kestrel host on port 0) could race for the same port, so this assembly runs its classes one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
