using System.Net;
using ChaosLab.Experimenter.Prometheus;
using ChaosLab.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace ChaosLab.Tests.Prometheus;

/// <summary>The client against a loopback stub that speaks the Prometheus API envelope.</summary>
public sealed class PrometheusClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static PrometheusClient Client(Uri address, TimeProvider time, int maxAttempts = 3, TimeSpan? retryDelay = null, TimeSpan? timeout = null) =>
        new(new HttpClient(), new PrometheusClientOptions
        {
            BaseAddress = address,
            MaxAttempts = maxAttempts,
            RetryDelay = retryDelay ?? TimeSpan.Zero,
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        }, time);

    private static RequestDelegate Json(string body, int status = 200) => async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    };

    [Fact]
    public async Task Instant_vector_is_typed_with_labels_and_special_values()
    {
        await using var stub = await StubHttpServer.StartAsync(Json("""
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"__name__":"m","service_name":"cart"},"value":[1700000000.5,"12.25"]},
              {"metric":{"service_name":"ad"},"value":[1700000000.5,"NaN"]},
              {"metric":{"service_name":"email"},"value":[1700000000.5,"+Inf"]},
              {"metric":{"service_name":"quote"},"value":[1700000000.5,"-Inf"]}]},
             "warnings":["careful"]}
            """), Ct);

        var result = await Client(stub.BaseAddress, TimeProvider.System).QueryAsync("m", null, Ct);

        var vector = result.ShouldBeOfType<PrometheusVector>();
        vector.Warnings.ShouldBe(["careful"]);
        vector.Series.Count.ShouldBe(4);
        vector.Series[0].Label("service_name").ShouldBe("cart");
        vector.Series[0].Label("missing").ShouldBeNull();
        vector.Series[0].Samples.ShouldHaveSingleItem().ShouldBe(new PrometheusSample(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_500), 12.25));
        double.IsNaN(vector.Series[1].Samples[0].Value).ShouldBeTrue();
        vector.Series[2].Samples[0].Value.ShouldBe(double.PositiveInfinity);
        vector.Series[3].Samples[0].Value.ShouldBe(double.NegativeInfinity);
    }

    [Fact]
    public async Task Range_query_posts_the_query_start_end_and_step_and_returns_a_matrix()
    {
        IFormCollection? form = null;
        string? path = null;
        await using var stub = await StubHttpServer.StartAsync(async context =>
        {
            path = context.Request.Path;
            form = await context.Request.ReadFormAsync();
            await Json("""{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[10,"1"],[15,"2"]]}]}}""")(context);
        }, Ct);

        var start = DateTimeOffset.FromUnixTimeSeconds(10);
        var matrix = await Client(stub.BaseAddress, TimeProvider.System).QueryRangeAsync("sum(x)", start, start.AddSeconds(5), TimeSpan.FromMilliseconds(2500), Ct);

        path.ShouldBe("/api/v1/query_range");
        form.ShouldNotBeNull();
        form["query"].ToString().ShouldBe("sum(x)");
        form["start"].ToString().ShouldBe("10");
        form["end"].ToString().ShouldBe("15");
        form["step"].ToString().ShouldBe("2500ms");
        matrix.Series.ShouldHaveSingleItem().Samples.Select(s => s.Value).ShouldBe([1.0, 2.0]);
    }

    [Fact]
    public async Task Scalar_and_string_results_are_typed()
    {
        await using var scalarStub = await StubHttpServer.StartAsync(Json("""{"status":"success","data":{"resultType":"scalar","result":[5,"0.5"]}}"""), Ct);
        await using var stringStub = await StubHttpServer.StartAsync(Json("""{"status":"success","data":{"resultType":"string","result":[5,"hi"]}}"""), Ct);

        (await Client(scalarStub.BaseAddress, TimeProvider.System).QueryAsync("0.5", null, Ct))
            .ShouldBeOfType<PrometheusScalar>().Sample.Value.ShouldBe(0.5);
        (await Client(stringStub.BaseAddress, TimeProvider.System).QueryAsync("\"hi\"", null, Ct))
            .ShouldBeOfType<PrometheusString>().Value.ShouldBe("hi");
    }

    [Fact]
    public async Task Bad_query_throws_with_the_query_and_the_server_message_and_is_not_retried()
    {
        var calls = 0;
        await using var stub = await StubHttpServer.StartAsync(async context =>
        {
            Interlocked.Increment(ref calls);
            await Json("""{"status":"error","errorType":"bad_data","error":"parse error at char 4: unexpected end of input"}""", 400)(context);
        }, Ct);

        var ex = await Should.ThrowAsync<PrometheusException>(() => Client(stub.BaseAddress, TimeProvider.System).QueryAsync("up{", null, Ct));

        ex.Kind.ShouldBe(PrometheusErrorKind.BadQuery);
        ex.Query.ShouldBe("up{");
        ex.ErrorType.ShouldBe("bad_data");
        ex.ServerMessage.ShouldBe("parse error at char 4: unexpected end of input");
        ex.StatusCode.ShouldBe(400);
        ex.Message.ShouldContain("parse error at char 4");
        ex.Message.ShouldContain("[query: up{]");
        calls.ShouldBe(1);
    }

    [Fact]
    public async Task Server_errors_are_retried_a_bounded_number_of_times()
    {
        var calls = 0;
        await using var stub = await StubHttpServer.StartAsync(async context =>
        {
            Interlocked.Increment(ref calls);
            await Json("""{"status":"error","errorType":"unavailable","error":"overloaded"}""", 503)(context);
        }, Ct);

        var ex = await Should.ThrowAsync<PrometheusException>(() => Client(stub.BaseAddress, TimeProvider.System, maxAttempts: 3).QueryAsync("up", null, Ct));

        ex.Kind.ShouldBe(PrometheusErrorKind.ServerError);
        ex.Attempts.ShouldBe(3);
        ex.Message.ShouldContain("overloaded");
        calls.ShouldBe(3);
    }

    [Fact]
    public async Task A_transient_failure_followed_by_success_returns_the_result_after_the_retry_delay()
    {
        var calls = 0;
        await using var stub = await StubHttpServer.StartAsync(async context =>
        {
            var n = Interlocked.Increment(ref calls);
            await (n == 1
                ? Json("oops", 502)
                : Json("""{"status":"success","data":{"resultType":"scalar","result":[5,"1"]}}"""))(context);
        }, Ct);
        var time = new FakeTimeProvider();
        var query = Client(stub.BaseAddress, time, retryDelay: TimeSpan.FromSeconds(10)).QueryAsync("1", null, Ct);

        for (var i = 0; i < 100 && !query.IsCompleted; i++)
        {
            await Task.Delay(20, Ct);
            if (calls == 1)
            {
                time.Advance(TimeSpan.FromSeconds(10));
            }
        }

        (await query).ShouldBeOfType<PrometheusScalar>();
        calls.ShouldBe(2);
    }

    [Fact]
    public async Task A_hanging_server_times_out_per_attempt()
    {
        var release = new TaskCompletionSource();
        await using var stub = await StubHttpServer.StartAsync(async context => await release.Task.WaitAsync(context.RequestAborted), Ct);
        var time = new FakeTimeProvider();
        var query = Client(stub.BaseAddress, time, maxAttempts: 2, timeout: TimeSpan.FromSeconds(5)).QueryAsync("up", null, Ct);

        for (var i = 0; i < 200 && !query.IsCompleted; i++)
        {
            await Task.Delay(20, Ct);
            time.Advance(TimeSpan.FromSeconds(5));
        }

        var ex = await Should.ThrowAsync<PrometheusException>(() => query);
        ex.Kind.ShouldBe(PrometheusErrorKind.Timeout);
        ex.Attempts.ShouldBe(2);
        ex.Message.ShouldContain("within 5 s");
        release.SetResult();
    }

    [Fact]
    public async Task An_unreachable_server_gives_a_typed_error_naming_the_address()
    {
        Uri address;
        await using (var stub = await StubHttpServer.StartAsync(Json("{}"), Ct))
        {
            address = stub.BaseAddress;
        }

        var client = Client(address, TimeProvider.System, maxAttempts: 2);
        var ex = await Should.ThrowAsync<PrometheusException>(() => client.QueryAsync("up", null, Ct));

        ex.Kind.ShouldBe(PrometheusErrorKind.Unreachable);
        ex.Attempts.ShouldBe(2);
        ex.Message.ShouldContain(address.ToString());
        (await client.IsReadyAsync(Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_body_that_is_not_the_api_envelope_is_an_invalid_response()
    {
        await using var stub = await StubHttpServer.StartAsync(Json("<html>proxy</html>"), Ct);

        var ex = await Should.ThrowAsync<PrometheusException>(() => Client(stub.BaseAddress, TimeProvider.System).QueryAsync("up", null, Ct));

        ex.Kind.ShouldBe(PrometheusErrorKind.InvalidResponse);
        ex.Attempts.ShouldBe(1);
    }

    [Theory]
    [InlineData(0.5, "500ms")]
    [InlineData(15, "15s")]
    [InlineData(7.5, "7500ms")]
    public void Durations_are_written_in_promql_units(double seconds, string expected) =>
        PrometheusFormat.Duration(TimeSpan.FromSeconds(seconds)).ShouldBe(expected);

    [Fact]
    public void Label_values_are_quoted_for_matchers() =>
        PrometheusFormat.Quote("a\"b\\c").ShouldBe("\"a\\\"b\\\\c\"");

    [Fact]
    public void Options_are_validated()
    {
        Should.Throw<ArgumentException>(() => new PrometheusClientOptions { BaseAddress = new Uri("ftp://x/") }.Validate());
        Should.Throw<ArgumentException>(() => new PrometheusClientOptions { BaseAddress = new Uri("http://x/"), MaxAttempts = 0 }.Validate());
        Should.Throw<ArgumentException>(() => new PrometheusClientOptions { BaseAddress = new Uri("http://x/"), Timeout = TimeSpan.Zero }.Validate());
    }
}
