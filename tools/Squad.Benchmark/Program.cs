using Squad.Benchmark;

return await BenchmarkCommand.InvokeAsync(args);
