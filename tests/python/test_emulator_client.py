"""Smoke suite of the official Python client (Debian's python3-kubernetes) against the emulated API server.

Run by tests/Emulator.Tests/Clients/PythonClientTests.cs, one case per run, with KUBECONFIG naming a kubeconfig of
the emulator; by hand: KUBECONFIG=... /usr/bin/python3 -m unittest discover tests/python -v
Each case works in a namespace of its own, removed afterwards.
"""

import json
import os
import unittest

from kubernetes import client, config, watch
from kubernetes.client.rest import ApiException

# Bounds that only end a hung case; a passing case never comes near them.
REQUEST_TIMEOUT = 30
WATCH_TIMEOUT = 20

METADATA_LIST = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1"


def deployment(name, replicas, containers):
    labels = {"app": name}
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": name, "labels": labels},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": labels},
            "template": {
                "metadata": {"labels": labels},
                "spec": {"containers": [{"name": c, "image": "registry.example/%s:1" % c} for c in containers]},
            },
        },
    }


class SentContentTypes:
    """Records the Content-Type of each PATCH the client sends: the client chooses it from the body, not the caller."""

    def __init__(self, rest_client):
        self.sent = []
        original = rest_client.request

        def request(method, url, *args, **kwargs):
            headers = kwargs.setdefault("headers", {})
            try:
                return original(method, url, *args, **kwargs)
            finally:
                # Read after the call: the REST layer rewrites the Content-Type in this dict as it sends.
                if method == "PATCH":
                    self.sent.append(headers.get("Content-Type"))

        rest_client.request = request


class EmulatorClientTests(unittest.TestCase):
    def setUp(self):
        config.load_kube_config(config_file=os.environ["KUBECONFIG"])
        self.api = client.ApiClient()
        self.addCleanup(self.api.close)
        self.patches = SentContentTypes(self.api.rest_client)
        self.core = client.CoreV1Api(self.api)
        self.apps = client.AppsV1Api(self.api)
        namespace = self.core.create_namespace({"metadata": {"generateName": "py-"}}, _request_timeout=REQUEST_TIMEOUT)
        self.ns = namespace.metadata.name
        self.addCleanup(self.core.delete_namespace, self.ns, _request_timeout=REQUEST_TIMEOUT)

    def create_deployment(self, name="web", replicas=1, containers=("web",)):
        return self.apps.create_namespaced_deployment(self.ns, deployment(name, replicas, containers), _request_timeout=REQUEST_TIMEOUT)

    def test_list_with_paging_sees_every_item_once(self):
        names = ["cm-%d" % i for i in range(7)]
        for name in names:
            self.core.create_namespaced_config_map(self.ns, {"metadata": {"name": name}, "data": {"n": name}})

        seen, pages, remaining, token = [], [], [], None
        while True:
            page = self.core.list_namespaced_config_map(self.ns, limit=3, _continue=token, _request_timeout=REQUEST_TIMEOUT)
            pages.append(len(page.items))
            remaining.append(page.metadata.remaining_item_count)
            seen += [item.metadata.name for item in page.items]
            token = page.metadata._continue
            if not token:
                break
            self.assertLessEqual(len(pages), len(names), "the continue tokens never end")

        self.assertEqual(pages, [3, 3, 1])
        self.assertEqual(remaining, [4, 1, None])
        self.assertEqual(sorted(seen), names)

    def test_watch_streams_added_modified_deleted_from_a_resource_version(self):
        start = self.core.list_namespaced_config_map(self.ns).metadata.resource_version
        self.core.create_namespaced_config_map(self.ns, {"metadata": {"name": "watched"}, "data": {"step": "created"}})

        # ADDED is replayed from the history after `start`; MODIFIED and DELETED arrive live, written as the stream runs.
        events, stream = [], watch.Watch()
        for event in stream.stream(self.core.list_namespaced_config_map, self.ns, resource_version=start,
                                   timeout_seconds=WATCH_TIMEOUT, _request_timeout=WATCH_TIMEOUT + 10):
            events.append((event["type"], event["object"].metadata.name, int(event["object"].metadata.resource_version)))
            if event["type"] == "ADDED":
                self.core.patch_namespaced_config_map("watched", self.ns, {"data": {"step": "modified"}})
            elif event["type"] == "MODIFIED":
                self.core.delete_namespaced_config_map("watched", self.ns)
            else:
                stream.stop()

        self.assertEqual([(kind, name) for kind, name, _ in events],
                         [("ADDED", "watched"), ("MODIFIED", "watched"), ("DELETED", "watched")])
        versions = [version for _, _, version in events]
        self.assertEqual(versions, sorted(set(versions)), "each event is later than the one before")
        self.assertGreater(versions[0], int(start))

    def test_filtered_watch_sends_deleted_on_leaving_the_selection_and_added_on_entering_it(self):
        start = self.core.list_namespaced_config_map(self.ns).metadata.resource_version
        self.core.create_namespaced_config_map(self.ns, {"metadata": {"name": "held", "labels": {"held": "true"}}})

        # An update that takes the label off leaves the selection (DELETED); putting it back enters it (ADDED).
        events, stream = [], watch.Watch()
        for event in stream.stream(self.core.list_namespaced_config_map, self.ns, label_selector="held=true", resource_version=start,
                                   timeout_seconds=WATCH_TIMEOUT, _request_timeout=WATCH_TIMEOUT + 10):
            events.append((event["type"], event["object"].metadata.name))
            if len(events) == 1:
                self.core.patch_namespaced_config_map("held", self.ns, {"metadata": {"labels": {"held": None}}})
            elif len(events) == 2:
                self.core.patch_namespaced_config_map("held", self.ns, {"metadata": {"labels": {"held": "true"}}})
            else:
                stream.stop()

        self.assertEqual(events, [("ADDED", "held"), ("DELETED", "held"), ("ADDED", "held")])

    def test_json_patch_is_sent_for_a_list_body(self):
        self.create_deployment(replicas=1)

        patched = self.apps.patch_namespaced_deployment("web", self.ns, [
            {"op": "test", "path": "/spec/replicas", "value": 1},
            {"op": "replace", "path": "/spec/replicas", "value": 2},
            {"op": "add", "path": "/metadata/labels/tier", "value": "front"},
        ], _request_timeout=REQUEST_TIMEOUT)

        self.assertEqual(self.patches.sent, ["application/json-patch+json"])
        self.assertEqual(patched.spec.replicas, 2)
        self.assertEqual(patched.metadata.labels["tier"], "front")

    def test_strategic_merge_patch_is_sent_for_a_dict_body_and_merges_containers_by_name(self):
        self.create_deployment(containers=("web",))

        patched = self.apps.patch_namespaced_deployment(
            "web", self.ns, {"spec": {"template": {"spec": {"containers": [{"name": "sidecar", "image": "registry.example/sidecar:1"}]}}}},
            _request_timeout=REQUEST_TIMEOUT)

        self.assertEqual(self.patches.sent, ["application/strategic-merge-patch+json"])
        self.assertEqual([c.name for c in patched.spec.template.spec.containers], ["web", "sidecar"])

    def test_merge_patch_through_call_api_replaces_the_container_list(self):
        self.create_deployment(containers=("web", "sidecar"))

        # The typed call of this client version has no way to ask for a merge patch (it picks json-patch or
        # strategic merge from the body); the generic call_api sends the Content-Type the caller names.
        body = self.api.call_api(
            "/apis/apps/v1/namespaces/{namespace}/deployments/{name}", "PATCH",
            path_params={"namespace": self.ns, "name": "web"},
            header_params={"Content-Type": "application/merge-patch+json", "Accept": "application/json"},
            body={"spec": {"template": {"spec": {"containers": [{"name": "only", "image": "registry.example/only:1"}]}}}},
            response_type="V1Deployment", auth_settings=["BearerToken"], _return_http_data_only=True,
            _request_timeout=REQUEST_TIMEOUT)

        self.assertEqual(self.patches.sent, ["application/merge-patch+json"])
        self.assertEqual([c.name for c in body.spec.template.spec.containers], ["only"])

    def test_scale_is_read_and_patched_through_the_subresource(self):
        self.create_deployment(replicas=2)

        scale = self.apps.read_namespaced_deployment_scale("web", self.ns, _request_timeout=REQUEST_TIMEOUT)
        patched = self.apps.patch_namespaced_deployment_scale("web", self.ns, {"spec": {"replicas": 5}}, _request_timeout=REQUEST_TIMEOUT)

        self.assertEqual((scale.api_version, scale.kind, scale.spec.replicas), ("autoscaling/v1", "Scale", 2))
        self.assertEqual((patched.kind, patched.spec.replicas), ("Scale", 5))
        self.assertEqual(self.apps.read_namespaced_deployment("web", self.ns).spec.replicas, 5)

    def test_metadata_only_list_has_metadata_and_no_spec(self):
        self.create_deployment(name="a")
        self.create_deployment(name="b")

        body = self.api.call_api(
            "/apis/apps/v1/namespaces/{namespace}/deployments", "GET",
            path_params={"namespace": self.ns}, header_params={"Accept": METADATA_LIST},
            response_type="object", auth_settings=["BearerToken"], _return_http_data_only=True,
            _request_timeout=REQUEST_TIMEOUT)

        self.assertEqual((body["apiVersion"], body["kind"]), ("meta.k8s.io/v1", "PartialObjectMetadataList"))
        self.assertTrue(body["metadata"]["resourceVersion"])
        self.assertEqual(sorted(item["metadata"]["name"] for item in body["items"]), ["a", "b"])
        for item in body["items"]:
            self.assertEqual((item["apiVersion"], item["kind"]), ("meta.k8s.io/v1", "PartialObjectMetadata"))
            self.assertNotIn("spec", item)
            self.assertEqual(item["metadata"]["labels"], {"app": item["metadata"]["name"]})

    def test_replace_with_a_stale_resource_version_is_a_409_conflict(self):
        stale = self.create_deployment(replicas=1)
        self.apps.patch_namespaced_deployment_scale("web", self.ns, {"spec": {"replicas": 2}})

        stale.spec.replicas = 3
        with self.assertRaises(ApiException) as raised:
            self.apps.replace_namespaced_deployment("web", self.ns, stale, _request_timeout=REQUEST_TIMEOUT)

        self.assertEqual(raised.exception.status, 409)
        status = json.loads(raised.exception.body)
        self.assertEqual((status["kind"], status["reason"], status["code"]), ("Status", "Conflict", 409))
        self.assertEqual(self.apps.read_namespaced_deployment("web", self.ns).spec.replicas, 2)

    def test_missing_object_is_a_404_api_exception_with_a_status_body(self):
        with self.assertRaises(ApiException) as raised:
            self.apps.read_namespaced_deployment("missing", self.ns, _request_timeout=REQUEST_TIMEOUT)

        self.assertEqual(raised.exception.status, 404)
        status = json.loads(raised.exception.body)
        self.assertEqual((status["kind"], status["apiVersion"], status["status"]), ("Status", "v1", "Failure"))
        self.assertEqual((status["reason"], status["code"]), ("NotFound", 404))
        self.assertEqual(status["details"], {"name": "missing", "group": "apps", "kind": "deployments"})
        self.assertEqual(status["message"], 'deployments.apps "missing" not found')


if __name__ == "__main__":
    unittest.main()
