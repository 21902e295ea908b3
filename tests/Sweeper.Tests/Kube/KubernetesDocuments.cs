namespace Tarnfui.Sweeper.Tests.Kube;

/// <summary>
/// Documents as the API server sends them to the sweeper, with the parts that are easy to get wrong in serialisation:
/// IntOrString and quantities, RFC 3339 timestamps with and without fractions, managedFields (an untyped object),
/// metadata-only lists, a watch event.
/// </summary>
internal static class KubernetesDocuments
{
    public const string Deployment = """
        {"apiVersion":"apps/v1","kind":"Deployment",
         "metadata":{"name":"api","namespace":"shop","uid":"6f1c2d4e-8a9b-4c3d-9e8f-0a1b2c3d4e5f","resourceVersion":"48213","generation":7,
           "creationTimestamp":"2026-11-20T08:00:00Z","labels":{"app":"api","tarnfui.io/stopped":"true"},
           "annotations":{"deployment.kubernetes.io/revision":"4","tarnfui.io/original-replicas":"3","tarnfui.io/stopped-at":"2026-11-20T19:00:00Z",
             "kubectl.kubernetes.io/last-applied-configuration":"{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\"}"},
           "managedFields":[{"manager":"kubectl-client-side-apply","operation":"Update","apiVersion":"apps/v1","time":"2026-11-20T08:00:00Z",
          "fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:annotations":{".":{},"f:kubectl.kubernetes.io/last-applied-configuration":{}}},"f:spec":{"f:replicas":{}}}}]},
         "spec":{"replicas":3,"revisionHistoryLimit":10,"progressDeadlineSeconds":600,
           "selector":{"matchLabels":{"app":"api"},"matchExpressions":[{"key":"tier","operator":"In","values":["web","api"]}]},
           "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":1}},
           "template":{"metadata":{"labels":{"app":"api"},"annotations":{"prometheus.io/scrape":"true"}},
             "spec":{"serviceAccountName":"api","terminationGracePeriodSeconds":30,"nodeSelector":{"kubernetes.io/os":"linux"},
               "affinity":{"podAntiAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":100,"podAffinityTerm":{"topologyKey":"kubernetes.io/hostname","labelSelector":{"matchLabels":{"app":"api"}}}}]}},
               "tolerations":[{"key":"spot","operator":"Exists","effect":"NoSchedule","tolerationSeconds":300}],
               "securityContext":{"runAsNonRoot":true,"runAsUser":10001,"fsGroup":2000,"seccompProfile":{"type":"RuntimeDefault"}},
               "initContainers":[{"name":"migrate","image":"registry.example/api:1.4.2","command":["/app/migrate"]}],
               "containers":[{"name":"api","image":"registry.example/api:1.4.2","args":["--port=8080"],
                 "ports":[{"name":"http","containerPort":8080,"protocol":"TCP"}],
                 "env":[{"name":"MODE","value":"prod"},{"name":"POD","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}},{"name":"KEY","valueFrom":{"secretKeyRef":{"name":"api","key":"key","optional":false}}}],
                 "resources":{"requests":{"cpu":"250m","memory":"256Mi"},"limits":{"cpu":"1","memory":"512Mi","ephemeral-storage":"1Gi"}},
                 "readinessProbe":{"httpGet":{"path":"/readyz","port":"http","scheme":"HTTP"},"periodSeconds":5,"failureThreshold":3},
                 "livenessProbe":{"tcpSocket":{"port":8080},"initialDelaySeconds":10},
                 "lifecycle":{"preStop":{"exec":{"command":["sleep","5"]}}},
                 "volumeMounts":[{"name":"config","mountPath":"/etc/api","readOnly":true},{"name":"cache","mountPath":"/cache"}],
                 "securityContext":{"allowPrivilegeEscalation":false,"readOnlyRootFilesystem":true,"capabilities":{"drop":["ALL"]}}}],
               "volumes":[{"name":"config","configMap":{"name":"api","defaultMode":420,"items":[{"key":"a","path":"a.yaml"}]}},
                 {"name":"cache","emptyDir":{"sizeLimit":"500Mi","medium":"Memory"}},
                 {"name":"token","projected":{"sources":[{"serviceAccountToken":{"path":"token","expirationSeconds":3600,"audience":"api"}}]}}],
               "topologySpreadConstraints":[{"maxSkew":1,"topologyKey":"topology.kubernetes.io/zone","whenUnsatisfiable":"ScheduleAnyway","labelSelector":{"matchLabels":{"app":"api"}}}]}}},
         "status":{"observedGeneration":7,"replicas":3,"updatedReplicas":3,"readyReplicas":3,"availableReplicas":3,
           "conditions":[{"type":"Available","status":"True","lastUpdateTime":"2026-11-20T08:01:02Z","lastTransitionTime":"2026-11-20T08:01:02Z","reason":"MinimumReplicasAvailable","message":"Deployment has minimum availability."}]}}
        """;

    public const string StatefulSet = """
        {"apiVersion":"apps/v1","kind":"StatefulSet",
         "metadata":{"name":"db","namespace":"shop","uid":"0b6c3d2e-1f4a-4b5c-8d7e-6f5a4b3c2d1e","resourceVersion":"9921","creationTimestamp":"2026-11-19T10:00:00Z",
           "ownerReferences":[{"apiVersion":"example.com/v1","kind":"Database","name":"db","uid":"aa-bb","controller":true,"blockOwnerDeletion":true}]},
         "spec":{"replicas":2,"serviceName":"db","podManagementPolicy":"Parallel","selector":{"matchLabels":{"app":"db"}},
           "updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":0,"maxUnavailable":"50%"}},
           "persistentVolumeClaimRetentionPolicy":{"whenDeleted":"Retain","whenScaled":"Delete"},
           "template":{"metadata":{"labels":{"app":"db"}},"spec":{"containers":[{"name":"db","image":"postgres:17","resources":{"requests":{"cpu":"2","memory":"4Gi"}}}]}},
           "volumeClaimTemplates":[{"metadata":{"name":"data"},"spec":{"accessModes":["ReadWriteOnce"],"storageClassName":"fast","resources":{"requests":{"storage":"20Gi"}}}}]},
         "status":{"replicas":2,"readyReplicas":2,"currentRevision":"db-6d4b","updateRevision":"db-6d4b","collisionCount":0}}
        """;

    public const string ReplicaSetMetadata = """
        {"apiVersion":"meta.k8s.io/v1","kind":"PartialObjectMetadata",
         "metadata":{"name":"api-5d8f7c9b6","namespace":"shop","uid":"1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a","resourceVersion":"48200",
           "creationTimestamp":"2026-11-20T08:00:00Z","labels":{"app":"api","pod-template-hash":"5d8f7c9b6"},
           "annotations":{"deployment.kubernetes.io/desired-replicas":"3","deployment.kubernetes.io/max-replicas":"4","deployment.kubernetes.io/revision":"4"},
           "ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"api","uid":"6f1c2d4e-8a9b-4c3d-9e8f-0a1b2c3d4e5f","controller":true,"blockOwnerDeletion":true}]}}
        """;

    public const string PodMetadataList = """
        {"apiVersion":"meta.k8s.io/v1","kind":"PartialObjectMetadataList","metadata":{"resourceVersion":"48213","continue":"eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ","remainingItemCount":4998},
         "items":[{"apiVersion":"meta.k8s.io/v1","kind":"PartialObjectMetadata","metadata":{"name":"api-5d8f7c9b6-x2x9k","generateName":"api-5d8f7c9b6-","namespace":"shop",
           "uid":"9e8d7c6b-5a4f-4e3d-2c1b-0a9f8e7d6c5b","resourceVersion":"48190","creationTimestamp":"2026-11-20T08:00:05Z",
           "deletionTimestamp":"2026-11-20T19:00:30Z","deletionGracePeriodSeconds":30,"labels":{"app":"api","pod-template-hash":"5d8f7c9b6"},
           "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"api-5d8f7c9b6","uid":"1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a","controller":true,"blockOwnerDeletion":true}]}}]}
        """;

    public const string NamespaceList = """
        {"apiVersion":"v1","kind":"NamespaceList","metadata":{"resourceVersion":"50000"},
         "items":[{"metadata":{"name":"shop","uid":"5c4b3a2f-1e0d-4c9b-8a7f-6e5d4c3b2a1f","resourceVersion":"120","creationTimestamp":"2026-11-01T00:00:00Z",
           "labels":{"kubernetes.io/metadata.name":"shop"},"annotations":{"tarnfui.io/uptime":"Mon-Fri 07:30-20:30 Europe/Berlin"}},
           "spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active"}}]}
        """;

    public const string Event = """
        {"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"api.18b2c3d4e5f6a7b8","namespace":"shop","creationTimestamp":"2026-11-20T19:00:01Z"},
         "eventTime":"2026-11-20T19:00:01.123456Z","reason":"Stopped","note":"Scaled from 3 to 0 replicas for off-hours","type":"Normal","action":"Scale",
         "reportingController":"tarnfui.io/sweeper","reportingInstance":"tarnfui-sweeper-7d9f-abcde",
         "regarding":{"apiVersion":"apps/v1","kind":"Deployment","namespace":"shop","name":"api","uid":"6f1c2d4e-8a9b-4c3d-9e8f-0a1b2c3d4e5f","resourceVersion":"48213"},
         "series":{"count":2,"lastObservedTime":"2026-11-20T19:30:01.000001Z"}}
        """;

    public const string Lease = """
        {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"tarnfui-sweeper","namespace":"tarnfui-system","resourceVersion":"777","creationTimestamp":"2026-11-20T07:00:00Z",
           "managedFields":[{"manager":"kubectl-client-side-apply","operation":"Update","apiVersion":"apps/v1","time":"2026-11-20T08:00:00Z",
          "fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:annotations":{".":{},"f:kubectl.kubernetes.io/last-applied-configuration":{}}},"f:spec":{"f:replicas":{}}}}]},
         "spec":{"holderIdentity":"tarnfui-sweeper-7d9f-abcde","leaseDurationSeconds":15,"acquireTime":"2026-11-20T07:00:00.000000Z","renewTime":"2026-11-20T19:00:02.500000Z","leaseTransitions":3}}
        """;

    public const string Status = """
        {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Operation cannot be fulfilled on deployments.apps \"api\": the object has been modified; please apply your changes to the latest version and try again",
         "reason":"Conflict","details":{"name":"api","group":"apps","kind":"deployments","causes":[{"reason":"FieldValueInvalid","message":"the test failed","field":"spec.replicas"}],"retryAfterSeconds":1},"code":409}
        """;

    public const string DeploymentWatchEvent = """
        {"type":"MODIFIED","object":{"apiVersion":"meta.k8s.io/v1","kind":"PartialObjectMetadata","metadata":{"name":"api","namespace":"shop","uid":"6f1c2d4e-8a9b-4c3d-9e8f-0a1b2c3d4e5f",
          "resourceVersion":"48214","labels":{"tarnfui.io/stopped":"true"},"annotations":{"tarnfui.io/original-replicas":"3"}}}}
        """;

    public const string ExecCredential = """
        {"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"k8s-aws-v1.abc","expirationTimestamp":"2026-11-20T19:15:00Z"}}
        """;
}
