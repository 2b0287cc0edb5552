namespace Squad.Sandbox;

/// <summary>What a command's cgroup recorded: how often the kernel refused it memory (by killing) or a new process.</summary>
internal readonly record struct CgroupCounters(long OomKills, long ProcessRefusals);
