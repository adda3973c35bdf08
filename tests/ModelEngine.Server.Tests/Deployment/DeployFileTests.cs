using System.Net;
using System.Text.RegularExpressions;
using ModelEngine.Server.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace ModelEngine.Server.Tests.Deployment;

/// <summary>
/// No container engine runs in the tests, so these tests read deploy/ instead. The compose files, the Dockerfile and
/// the Kubernetes manifests must agree with each other and with docs/configuration.md. Their probes must call health
/// endpoints that the server serves.
/// </summary>
public sealed partial class DeployFileTests : IClassFixture<ServerFactory>
{
    private const string PostgresCompose = "deploy/docker-compose.yml";
    private const string SqlServerCompose = "deploy/docker-compose.sqlserver.yml";
    private const string KubernetesFolder = "deploy/kubernetes";
    private static readonly string[] ServerServices = ["modelengine-1", "modelengine-2"];

    private readonly ServerFactory _factory;

    public DeployFileTests(ServerFactory factory)
    {
        _factory = factory;
    }

    [Theory]
    [InlineData(PostgresCompose, "PostgreSql", "postgres", "postgres:")]
    [InlineData(SqlServerCompose, "SqlServer", "sqlserver", "mcr.microsoft.com/mssql/server:")]
    public void Compose_RunsTwoServersOnTheDatabaseAndRabbitMq(string file, string provider, string databaseService, string databaseImage)
    {
        var services = DeployFiles.LoadYaml(file).Single().Map("services");
        var containerPort = DockerfileExposedPort();

        Assert.StartsWith(databaseImage, services.Map(databaseService).Scalar("image"), StringComparison.Ordinal);
        Assert.StartsWith("rabbitmq:", services.Map("rabbitmq").Scalar("image"), StringComparison.Ordinal);

        var hostPorts = new List<string>();
        foreach (var name in ServerServices)
        {
            var server = services.Map(name);
            Assert.Equal("deploy/Dockerfile", server.Map("build").Scalar("dockerfile"));
            Assert.True(File.Exists(DeployFiles.PathOf("deploy/Dockerfile")), "deploy/Dockerfile is missing.");

            var environment = server.Map("environment").ScalarEntries();
            Assert.Equal(provider, environment["Persistence__Provider"]);
            Assert.Equal("RabbitMq", environment["Messaging__Transport"]);
            Assert.Equal(containerPort.ToString(), environment["ASPNETCORE_HTTP_PORTS"]);
            Assert.Matches($"(Host|Server)={databaseService}[;,]", environment["ConnectionStrings__ModelEngine"]);
            Assert.StartsWith("amqp://", environment["ConnectionStrings__RabbitMq"], StringComparison.Ordinal);
            Assert.Contains("@rabbitmq:5672", environment["ConnectionStrings__RabbitMq"], StringComparison.Ordinal);

            var ports = server.Sequence("ports").Children.Select(port => ((YamlScalarNode)port).Value!).ToList();
            var mapping = Assert.Single(ports).Split(':');
            Assert.Equal(containerPort.ToString(), mapping[^1]);
            hostPorts.Add(mapping[0]);

            var dependsOn = server.Map("depends_on");
            Assert.Equal("service_healthy", dependsOn.Map(databaseService).Scalar("condition"));
            Assert.Equal("service_healthy", dependsOn.Map("rabbitmq").Scalar("condition"));
        }

        Assert.Equal(hostPorts.Count, hostPorts.Distinct().Count());
    }

    [Theory]
    [InlineData(PostgresCompose)]
    [InlineData(SqlServerCompose)]
    public void Compose_VariablesAreListedInEnvExample(string file)
    {
        var listed = DeployFiles.ReadText("deploy/.env.example")
            .Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('=')[0])
            .ToHashSet(StringComparer.Ordinal);

        var used = ComposeVariable().Matches(DeployFiles.ReadText(file)).Select(match => match.Groups[1].Value).Distinct().ToList();

        Assert.NotEmpty(used);
        Assert.All(used, variable => Assert.True(listed.Contains(variable), $"{file} uses ${{{variable}}}, which deploy/.env.example does not list."));
    }

    [Fact]
    public void EveryServerSettingInDeploy_IsDocumented()
    {
        var documentation = DeployFiles.ReadText("docs/configuration.md");
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in new[] { PostgresCompose, SqlServerCompose })
        {
            var services = DeployFiles.LoadYaml(file).Single().Map("services");
            foreach (var name in ServerServices)
            {
                keys.UnionWith(services.Map(name).Map("environment").ScalarEntries().Keys);
            }
        }

        keys.UnionWith(KubernetesDocument("ConfigMap").Map("data").ScalarEntries().Keys);
        keys.UnionWith(KubernetesDocument("Secret").Map("stringData").ScalarEntries().Keys);

        Assert.Contains("ConnectionStrings__RabbitMq", keys);
        var undocumented = keys
            .Select(DeployFiles.ToConfigurationKey)
            .Where(key => !documentation.Contains($"`{key}`", StringComparison.Ordinal))
            .ToList();
        Assert.True(undocumented.Count == 0, $"docs/configuration.md does not name these keys used in deploy/: {string.Join(", ", undocumented)}.");
    }

    [Fact]
    public void Kubernetes_DeploymentMatchesServer()
    {
        var deployment = KubernetesDocument("Deployment");
        var spec = deployment.Map("spec");
        Assert.Equal("2", spec.Scalar("replicas"));

        var podLabels = spec.Map("template").Map("metadata").Map("labels").ScalarEntries();
        Assert.Equal(spec.Map("selector").Map("matchLabels").ScalarEntries(), podLabels);

        var container = Assert.IsType<YamlMappingNode>(Assert.Single(spec.Map("template").Map("spec").Sequence("containers").Children));
        var ports = container.Sequence("ports").Children.Cast<YamlMappingNode>().ToList();
        var port = Assert.Single(ports, candidate => candidate.Scalar("name") == "http");
        Assert.Equal(DockerfileExposedPort().ToString(), port.Scalar("containerPort"));
        var portName = port.Scalar("name");
        var transferPort = Assert.Single(ports, candidate => candidate.Scalar("name") == "fit-transfer");
        Assert.Equal(KubernetesDocument("ConfigMap").Map("data").Scalar("Fit__Transfer__Port"), transferPort.Scalar("containerPort"));

        Assert.Equal(HealthPaths.Live, Probe(container, "livenessProbe", portName));
        Assert.Equal(HealthPaths.Ready, Probe(container, "readinessProbe", portName));

        var sources = container.Sequence("envFrom").Children.Cast<YamlMappingNode>().ToList();
        Assert.Contains(sources, source => source.Children.ContainsKey(new YamlScalarNode("configMapRef")) && source.Map("configMapRef").Scalar("name") == KubernetesDocument("ConfigMap").Map("metadata").Scalar("name"));
        Assert.Contains(sources, source => source.Children.ContainsKey(new YamlScalarNode("secretRef")) && source.Map("secretRef").Scalar("name") == KubernetesDocument("Secret").Map("metadata").Scalar("name"));

        var configuration = KubernetesDocument("ConfigMap").Map("data").ScalarEntries()
            .Concat(KubernetesDocument("Secret").Map("stringData").ScalarEntries())
            .ToDictionary(entry => entry.Key, entry => entry.Value);
        Assert.Equal("PostgreSql", configuration["Persistence__Provider"]);
        Assert.Equal("RabbitMq", configuration["Messaging__Transport"]);
        Assert.Equal(DockerfileExposedPort().ToString(), configuration["ASPNETCORE_HTTP_PORTS"]);
        Assert.True(configuration.ContainsKey("ConnectionStrings__ModelEngine"), "The Kubernetes configuration has no ConnectionStrings__ModelEngine.");
        Assert.True(configuration.ContainsKey("ConnectionStrings__RabbitMq"), "The Kubernetes configuration has no ConnectionStrings__RabbitMq.");
        Assert.True(configuration.ContainsKey("Identity__SigningKey"), "The Kubernetes configuration has no Identity__SigningKey.");
    }

    [Fact]
    public void Kubernetes_ServiceSelectsServerPods()
    {
        var deploymentSpec = KubernetesDocument("Deployment").Map("spec");
        var service = KubernetesDocument("Service").Map("spec");

        Assert.Equal(deploymentSpec.Map("selector").Map("matchLabels").ScalarEntries(), service.Map("selector").ScalarEntries());
        var container = (YamlMappingNode)deploymentSpec.Map("template").Map("spec").Sequence("containers").Children[0];
        var portName = ((YamlMappingNode)container.Sequence("ports").Children[0]).Scalar("name");
        var servicePort = Assert.IsType<YamlMappingNode>(Assert.Single(service.Sequence("ports").Children));
        Assert.Equal(portName, servicePort.Scalar("targetPort"));

        // The API needs no affinity; the studio's affinity is documented, not applied to the API Service.
        Assert.Null(service.OptionalScalar("sessionAffinity"));
        Assert.Contains("session affinity", DeployFiles.ReadText("deploy/README.md"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Dockerfile_MatchesServerProject()
    {
        var lines = DeployFiles.ReadText("deploy/Dockerfile").Split('\n').Select(line => line.Trim()).ToList();
        var framework = typeof(Program).Assembly.GetCustomAttributes(typeof(System.Runtime.Versioning.TargetFrameworkAttribute), false)
            .Cast<System.Runtime.Versioning.TargetFrameworkAttribute>().Single().FrameworkName;
        var version = Regex.Match(framework, @"Version=v(\d+\.\d+)").Groups[1].Value;

        var images = lines.Where(line => line.StartsWith("FROM ", StringComparison.Ordinal)).Select(line => line.Split(' ')[1]).ToList();
        Assert.Contains($"mcr.microsoft.com/dotnet/sdk:{version}", images);
        Assert.Contains($"mcr.microsoft.com/dotnet/aspnet:{version}", images);

        var entryPoint = Assert.Single(lines, line => line.StartsWith("ENTRYPOINT ", StringComparison.Ordinal));
        Assert.Contains($"\"{typeof(Program).Assembly.GetName().Name}.dll\"", entryPoint, StringComparison.Ordinal);

        foreach (var copy in lines.Where(line => line.StartsWith("COPY ", StringComparison.Ordinal) && !line.Contains("--from", StringComparison.Ordinal)))
        {
            var sources = copy.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1];
            Assert.All(sources, source => Assert.True(
                File.Exists(DeployFiles.PathOf(source)) || Directory.Exists(DeployFiles.PathOf(source)),
                $"deploy/Dockerfile copies '{source}', which does not exist in the repository."));
        }

        var publish = Assert.Single(lines, line => line.Contains("dotnet publish", StringComparison.Ordinal));
        var project = publish.Split(' ').Single(part => part.EndsWith(".csproj", StringComparison.Ordinal));
        Assert.True(File.Exists(DeployFiles.PathOf(project)), $"deploy/Dockerfile publishes '{project}', which does not exist.");
    }

    [Fact]
    public async Task Probes_PointAtHealthEndpointsTheServerServes()
    {
        var container = (YamlMappingNode)KubernetesDocument("Deployment").Map("spec").Map("template").Map("spec").Sequence("containers").Children[0];
        var client = _factory.CreateClient();

        foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
        {
            var path = container.Map(probe).Map("httpGet").Scalar("path");
            var response = await Eventually.WaitAsync(
                () => client.GetAsync(path),
                r => r.StatusCode == HttpStatusCode.OK,
                $"{path} (the {probe} of deploy/kubernetes/deployment.yaml) to answer 200 without credentials");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    private static string Probe(YamlMappingNode container, string probe, string portName)
    {
        var httpGet = container.Map(probe).Map("httpGet");
        Assert.Equal(portName, httpGet.Scalar("port"));
        return httpGet.Scalar("path");
    }

    private static int DockerfileExposedPort()
    {
        var expose = DeployFiles.ReadText("deploy/Dockerfile").Split('\n').Select(line => line.Trim())
            .Single(line => line.StartsWith("EXPOSE ", StringComparison.Ordinal));
        return int.Parse(expose["EXPOSE ".Length..]);
    }

    /// <summary>Returns the one document of this kind among the manifests in deploy/kubernetes.</summary>
    private static YamlMappingNode KubernetesDocument(string kind)
    {
        var documents = Directory.GetFiles(DeployFiles.PathOf(KubernetesFolder), "*.yaml")
            .Order(StringComparer.Ordinal)
            .SelectMany(path => DeployFiles.LoadYaml(Path.GetRelativePath(DeployFiles.RepositoryRoot, path)))
            .Where(document => document.OptionalScalar("kind") == kind)
            .ToList();
        return Assert.Single(documents);
    }

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ComposeVariable();

    private static class HealthPaths
    {
        public const string Live = "/health/live";
        public const string Ready = "/health/ready";
    }
}
